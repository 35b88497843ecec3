using Marketplace.Web.Domain.Sales;

namespace Marketplace.Tests.Domain.Sales;

/// <summary>
/// The auction's price by the rules alone, computed from the accepted bids in the order they were accepted, independently
/// of the sale's step-by-step proxy logic: the property tests and the `bids` benchmark (which links this file) both hold
/// the app to it.
/// </summary>
public static class AuctionRules
{
    /// <summary>
    /// The winner (highest maximum, the earliest on a tie) pays the second-highest bidder's maximum plus one increment, capped
    /// by the maximum the winner held when that challenge was decided: raising one's own maximum while leading never raises
    /// the price. With a single bidder, the start price. (A reserve the winner meets lifts it further; callers apply that.)
    /// </summary>
    public static decimal ExpectedPrice<TBidder>(IReadOnlyList<(TBidder Bidder, decimal Amount)> accepted, decimal start, decimal? increment)
        where TBidder : notnull
    {
        var same = EqualityComparer<TBidder>.Default;
        var top = accepted.Max(b => b.Amount);
        var winner = accepted.First(b => b.Amount == top).Bidder;

        // The highest maximum of any other bidder, and the first bid that reached it: the price was decided there, or when
        // the winner first passed it; every later bid by another is below the price by then, every later one by the winner
        // only raises its own maximum.
        var others = accepted.Select((b, i) => (b, i)).Where(x => !same.Equals(x.b.Bidder, winner)).ToList();
        if (others.Count == 0)
        {
            return start;
        }

        var second = others.Max(x => x.b.Amount);
        var at = others.First(x => x.b.Amount == second).i;
        var before = accepted.Take(at).Where(b => same.Equals(b.Bidder, winner)).Select(b => b.Amount).DefaultIfEmpty(0m).Max();
        var cap = before >= second ? before : accepted.Skip(at).First(b => same.Equals(b.Bidder, winner) && b.Amount > second).Amount;
        return Math.Min(cap, second + BidIncrements.At(second, increment));
    }
}
