namespace Marketplace.Web.Features.Storefront;

public sealed record CartLine(Guid ListingId, string Title, string Seller, Guid SellerId, decimal UnitPrice, int Quantity, int Available)
{
    public decimal LineTotal => UnitPrice * Quantity;
}

/// <summary>A ship-to site the buyer can choose, with its address as the order will keep it.</summary>
public sealed record ShipToSite(Guid Id, string Name, string Label, string State);

/// <summary>The sales tax the cart's orders would carry if shipped to <see cref="SiteName"/>.</summary>
/// <param name="Words">The exemption and its certificate, or the state and rate (as the order and invoice will say it).</param>
public sealed record CartTax(decimal Amount, string Words, string? SiteName);

public sealed record CartView(IReadOnlyList<CartLine> Lines, decimal Subtotal, decimal Shipping)
{
    /// <summary>Why the organization cannot check out yet (its standing or documents), shown instead of the checkout.</summary>
    public Organizations.StandingNotice? CheckoutNotice { get; init; }

    /// <summary>The buyer organization's sites in use: what checkout offers.</summary>
    public IReadOnlyList<ShipToSite> Sites { get; init; } = [];

    /// <summary>The site chosen when the page opens: the one this buyer last ordered to, if still in use, else the first.</summary>
    public Guid? DefaultSiteId { get; init; }

    /// <summary>Whether the buyer may add sites (organization admins); others are told to ask their admin.</summary>
    public bool ManagesSites { get; init; }

    public CartTax? Tax { get; init; }

    public decimal Total => Subtotal + Shipping + (Tax?.Amount ?? 0m);
    public int SellerCount => Lines.Select(l => l.SellerId).Distinct().Count();
}
