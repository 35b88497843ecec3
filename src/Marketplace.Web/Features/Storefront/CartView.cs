namespace Marketplace.Web.Features.Storefront;

public sealed record CartLine(Guid ListingId, string Title, string Seller, Guid SellerId, decimal UnitPrice, int Quantity, int Available)
{
    public decimal LineTotal => UnitPrice * Quantity;
}

public sealed record CartView(IReadOnlyList<CartLine> Lines, decimal Subtotal, decimal Shipping)
{
    /// <summary>Why the organization cannot check out yet (its standing or documents), shown instead of the checkout.</summary>
    public Organizations.StandingNotice? CheckoutNotice { get; init; }

    public decimal Total => Subtotal + Shipping;
    public int SellerCount => Lines.Select(l => l.SellerId).Distinct().Count();
}
