namespace Marketplace.Web.Features.Storefront;

public sealed record CartLine(Guid ListingId, string Title, string Seller, Guid SellerId, decimal UnitPrice, int Quantity, int Available)
{
    public decimal LineTotal => UnitPrice * Quantity;
}

public sealed record CartView(IReadOnlyList<CartLine> Lines, decimal Subtotal, decimal Shipping)
{
    public decimal Total => Subtotal + Shipping;
    public int SellerCount => Lines.Select(l => l.SellerId).Distinct().Count();
}
