namespace Marketplace.Web.Domain.Sales;

/// <summary>
/// How the district chooses to sell a lot. Request for quotes has no close: quotes carry their own validity and the
/// district accepts one. Sealed bids and auctions close at <see cref="ClosesAt"/> (an auction's close moves later on
/// late bids); a buy-now listing may run until a date or until withdrawn.
/// </summary>
public sealed record SaleTerms(
    SaleMode Mode,
    DateTimeOffset? ClosesAt = null,
    decimal? StartPrice = null,
    decimal? MinimumIncrement = null,
    decimal? ReservePrice = null,
    decimal? BuyNowPrice = null,
    int SoftCloseMinutes = SaleTerms.DefaultSoftCloseMinutes)
{
    public const int DefaultSoftCloseMinutes = 5;

    public static readonly SaleTerms RequestForQuotes = new(SaleMode.RequestForQuotes);

    /// <summary>The refusals a district reads when the terms do not make a sale: each names the field to fix.</summary>
    public IEnumerable<string> Problems(DateTimeOffset now)
    {
        if (Mode is SaleMode.SealedBid or SaleMode.Auction)
        {
            if (ClosesAt is not { } closes)
            {
                yield return "Closes at: a sealed-bid sale or an auction needs a closing time.";
            }
            else if (closes <= now.AddHours(1))
            {
                yield return "Closes at: choose a closing time at least an hour from now.";
            }
        }
        else if (ClosesAt is { } closes && closes <= now.AddHours(1))
        {
            yield return "Closes at: choose a closing time at least an hour from now, or none.";
        }

        if (ClosesAt is { } end && end > now.AddDays(90))
        {
            yield return "Closes at: a sale can run at most 90 days.";
        }

        if (Mode == SaleMode.Auction && StartPrice is not > 0)
        {
            yield return "Start price: an auction needs a start price above $0.00.";
        }

        if (StartPrice is < 0 || MinimumIncrement is <= 0 || ReservePrice is <= 0 || BuyNowPrice is <= 0)
        {
            yield return "Prices: enter amounts above $0.00, or leave optional ones empty.";
        }

        if (Mode == SaleMode.Auction && ReservePrice is { } reserve && StartPrice is { } start && reserve < start)
        {
            yield return "Reserve price: the reserve cannot be below the start price.";
        }

        if (Mode == SaleMode.BuyNow && BuyNowPrice is null)
        {
            yield return "Buy-now price: a buy-now listing needs its price.";
        }

        if (Mode is SaleMode.RequestForQuotes or SaleMode.SealedBid && BuyNowPrice is not null)
        {
            yield return "Buy-now price: only an auction or a buy-now listing has a buy-now price.";
        }

        if (Mode == SaleMode.Auction && BuyNowPrice is { } buyNow && buyNow <= Math.Max(StartPrice ?? 0, ReservePrice ?? 0))
        {
            yield return "Buy-now price: it must be above the start price and the reserve.";
        }

        if (Mode != SaleMode.Auction && (MinimumIncrement is not null || SoftCloseMinutes != DefaultSoftCloseMinutes))
        {
            yield return "Bid increment and soft close apply to auctions only.";
        }

        if (SoftCloseMinutes is < 1 or > 60)
        {
            yield return "Soft close: between 1 and 60 minutes.";
        }
    }
}

/// <summary>
/// The smallest raise over the current price: the district's fixed increment, or else this table by price, as auction
/// houses publish theirs. A raise is never smaller than one cent.
/// </summary>
public static class BidIncrements
{
    public static readonly IReadOnlyList<(decimal From, decimal Increment)> Table =
    [
        (0m, 5m),
        (250m, 10m),
        (1_000m, 25m),
        (5_000m, 50m),
        (25_000m, 100m),
        (100_000m, 250m),
    ];

    public static decimal At(decimal price, decimal? fixedIncrement) =>
        fixedIncrement ?? Table.Last(step => price >= step.From).Increment;
}
