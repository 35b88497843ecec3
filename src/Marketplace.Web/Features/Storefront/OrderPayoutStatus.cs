using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// Where the payout of each delivered order stands, in the words the refurbisher reads on its sales pages: when it is
/// due, why it is held, or what was paid. The same release condition (<see cref="OrderPayoutHold"/>) the daily job applies.
/// </summary>
public static class OrderPayoutStatus
{
    /// <summary>The payout line per delivered order of <paramref name="sellerId"/>; orders not delivered get none.</summary>
    public static async Task<Dictionary<Guid, string>> ForAsync(MarketplaceDb db, IReadOnlyCollection<Order> orders, Guid sellerId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var delivered = orders.Where(o => o.DeliveredAt is not null && o.Status != OrderStatus.Cancelled).ToList();
        if (delivered.Count == 0)
        {
            return [];
        }

        var ids = delivered.Select(o => o.Id).ToList();
        var payouts = await db.Payouts.AsNoTracking().Where(p => p.OrderId != null && ids.Contains(p.OrderId.Value)).ToDictionaryAsync(p => p.OrderId!.Value, cancellationToken);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var facts = await db.OrderPayoutFactsAsync(ids, sellerId, today, cancellationToken);
        var owed = await db.RefurbisherPayableForOrdersAsync(ids, sellerId, cancellationToken);
        return delivered.ToDictionary(o => o.Id, o => payouts.TryGetValue(o.Id, out var payout)
            ? Words(payout)
            : Words(o, facts[o.Id], owed.GetValueOrDefault(o.Id), now));
    }

    private static string Words(Payout payout) => payout.Status switch
    {
        PayoutStatus.Sent => $"Paid {payout.Total} on {payout.SentAt:MMMM d, yyyy} ({payout.Reference})",
        PayoutStatus.InTransit => $"Payout of {payout.Total} sent by {payout.Method.Words()} on {payout.ApprovedAt:MMMM d, yyyy}; waiting for the bank's confirmation",
        _ => $"Payout of {payout.Total} released on {payout.RecordedAt:MMMM d, yyyy}; finance sends it by {payout.Method.Words()}",
    };

    private static string Words(Order order, OrderPayoutFacts facts, decimal owed, DateTimeOffset now)
    {
        var due = OrderPayoutHold.DueOn(order)!.Value;
        if (owed <= 0)
        {
            return "No payout: nothing is owed for this order any more (refunds or credits took its proceeds)";
        }

        if (DateOnly.FromDateTime(now.UtcDateTime) < due)
        {
            return $"Payout due on {due:MMMM d, yyyy}" + (facts.W9OnFile ? "" : " — it waits until a W-9 is on file: upload one on Organization documents");
        }

        return OrderPayoutHold.Of(order, facts, now) is { } hold
            ? $"Payout held: {hold.Reason}"
            : $"Payout due on {due:MMMM d, yyyy}: it goes out with the next daily payout run";
    }
}
