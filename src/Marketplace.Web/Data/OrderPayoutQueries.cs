using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Storefront;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Data;

/// <summary>What the release condition of storefront payouts reads besides the order: one grouped query per record kind, whatever the number of orders.</summary>
public static class OrderPayoutQueries
{
    /// <summary>The facts per order of one seller (every order given gets an entry).</summary>
    public static async Task<Dictionary<Guid, OrderPayoutFacts>> OrderPayoutFactsAsync(this MarketplaceDb db, IReadOnlyCollection<Guid> orderIds, Guid sellerId,
        DateOnly today, CancellationToken cancellationToken)
    {
        var invoices = await db.Invoices.Where(i => i.OrderId != null && orderIds.Contains(i.OrderId.Value))
            .Select(i => new { OrderId = i.OrderId!.Value, i.Status, i.DisputeId, i.DisputeStatus })
            .ToListAsync(cancellationToken);
        var openReturns = await db.ReturnRequests
            .Where(r => orderIds.Contains(r.OrderId) && (r.Status == ReturnStatus.Requested || r.Status == ReturnStatus.Approved))
            .GroupBy(r => r.OrderId).Select(g => new { OrderId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.OrderId, x => x.Count, cancellationToken);
        var openDisputes = await db.BuyerDisputes
            .Where(d => d.OrderId != null && orderIds.Contains(d.OrderId.Value) && d.State == DisputeState.Open)
            .GroupBy(d => d.OrderId!.Value).Select(g => new { OrderId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.OrderId, x => x.Count, cancellationToken);
        var w9 = await db.HasW9OnFileAsync(sellerId, today, cancellationToken);
        return orderIds.Distinct().ToDictionary(id => id, id => new OrderPayoutFacts(
            invoices.Any(i => i.OrderId == id && i.Status == InvoiceStatus.Paid),
            invoices.Any(i => i.OrderId == id && i.DisputeId != null && i.DisputeStatus is not ("won" or "lost")),
            openReturns.GetValueOrDefault(id),
            openDisputes.GetValueOrDefault(id),
            w9));
    }

    /// <summary>The organization holds an approved W-9 that still counts today (three years from its signature).</summary>
    public static async Task<bool> HasW9OnFileAsync(this MarketplaceDb db, Guid organizationId, DateOnly today, CancellationToken cancellationToken) =>
        (await db.OrganizationDocuments.AsNoTracking()
            .Where(d => d.OrganizationId == organizationId && d.Kind == DocumentKind.W9 && d.Status == DocumentStatus.Approved)
            .ToListAsync(cancellationToken))
        .Any(d => d.IsCurrent(today));

    /// <summary>The number of what a payout pays for: its lot's, or its storefront order's.</summary>
    public static Task<string> NumberPaidForAsync(this MarketplaceDb db, Payout payout, CancellationToken cancellationToken) =>
        payout.LotId is { } lotId
            ? db.Lots.Where(l => l.Id == lotId).Select(l => l.Number).SingleAsync(cancellationToken)
            : db.Orders.Where(o => o.Id == payout.OrderId).Select(o => o.Number).SingleAsync(cancellationToken);
}
