using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Payments;

/// <summary>
/// The invoices the signed-in organization pays, newest first, with what is overdue flagged and totalled: the buyer's view
/// of its receivables to us (lots and storefront orders alike), each with its PDF.
/// </summary>
public static class ListMyInvoices
{
    public const int PageSize = 25;

    [AllowedRoles(Roles.DistrictStaff, Roles.RefurbisherStaff, Roles.SchoolStaff, Roles.OrganizationAdmin)]
    public sealed record Query(bool OverdueOnly = false, int Page = 1) : IQuery<Result>;

    public sealed record Row(Guid Id, string Number, string Description, decimal Amount, PaymentMethod Method, string? PurchaseOrderNumber, InvoiceStatus Status,
        DateTimeOffset IssuedAt, DateOnly DueOn, int NetTermsDays, DateTimeOffset? PaidAt, Guid? LotId, Guid? OrderId)
    {
        public bool IsOverdue(DateOnly today) => Status == InvoiceStatus.Open && today > DueOn;
    }

    public sealed record Result(PageOf<Row> Invoices, int OverdueCount, decimal OverdueAmount, DateOnly Today, bool OverdueOnly);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = clock.Today;
            var mine = db.InvoicesPayableBy(user);
            var overdue = await OverdueAsync(db, user, today, cancellationToken);
            var shown = query.OverdueOnly ? mine.Where(i => i.Status == InvoiceStatus.Open && i.DueOn < today) : mine;
            var page = await shown.OrderByDescending(i => i.IssuedAt).ThenBy(i => i.Id)
                .Select(i => new Row(i.Id, i.Number, i.Description, i.Amount, i.Method, i.PurchaseOrderNumber, i.Status, i.IssuedAt, i.DueOn, i.NetTermsDays, i.PaidAt,
                    i.LotId, i.OrderId))
                .ToPageAsync(query.Page, PageSize, cancellationToken);
            return new Result(page, overdue.Count, overdue.Amount, today, query.OverdueOnly);
        }
    }

    /// <summary>How many of the organization's invoices are past due, and for how much: the dashboards' overdue flag.</summary>
    public static async Task<(int Count, decimal Amount)> OverdueAsync(MarketplaceDb db, ICurrentUser user, DateOnly today, CancellationToken cancellationToken)
    {
        var totals = await db.InvoicesPayableBy(user).Where(i => i.Status == InvoiceStatus.Open && i.DueOn < today)
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Amount = g.Sum(i => i.Amount) }).SingleOrDefaultAsync(cancellationToken);
        return (totals?.Count ?? 0, totals?.Amount ?? 0);
    }
}
