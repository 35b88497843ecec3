namespace Marketplace.Web.Domain.Sales;

/// <summary>
/// One accepted bid in a sealed-bid sale or an auction; part of the <see cref="Sale"/> aggregate, never changed but to be
/// marked replaced. In an auction the amount is the bidder's maximum (hidden from everyone else; the system bids up to
/// it), and <see cref="PriceAfter"/> and <see cref="LeaderAfter"/> are the public price and leader once it was placed.
/// A sealed bid's amount is the bid; replacing it keeps the old one on record as replaced.
/// </summary>
public sealed class Bid
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SaleId { get; init; }

    /// <summary>Which listing of the lot it belongs to: relisting an unsold lot starts the next round.</summary>
    public int Round { get; init; }
    public Guid BidderId { get; init; }
    public decimal Amount { get; init; }
    public DateTimeOffset PlacedAt { get; init; }
    public bool Replaced { get; internal set; }
    public decimal? PriceAfter { get; init; }
    public Guid? LeaderAfter { get; init; }
}

/// <summary>A winner who did not pay in time: kept on the buyer's record, which districts see when they compare offers.</summary>
public sealed class Forfeit
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SaleId { get; init; }
    public Guid BuyerId { get; init; }
    public int Round { get; init; }
    public decimal Amount { get; init; }
    public DateTimeOffset AwardedAt { get; init; }
    public DateTimeOffset ForfeitedAt { get; init; }
}
