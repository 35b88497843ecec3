using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Features.Shared;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Finance;

public static class ListInvoices
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.Finance, Roles.Admin)]
    public sealed record Query(InvoiceStatus? Status, int Page = 1, bool Overdue = false) : IQuery<PageOf<Row>>;

    public sealed record Row(Guid Id, string Number, string Payer, string Description, decimal Amount, PaymentMethod Method, string? PurchaseOrderNumber,
        InvoiceStatus Status, DateTimeOffset IssuedAt, DateOnly DueOn, DateTimeOffset? PaidAt, string? PaymentReference, Guid? LotId, Guid? OrderId,
        int NetTermsDays, DateOnly? ReceivedOn);

    public sealed class Handler(MarketplaceDb db, IClock clock) : IQueryHandler<Query, PageOf<Row>>
    {
        public async ValueTask<PageOf<Row>> Handle(Query query, CancellationToken cancellationToken) =>
            await Rows(db, query.Status, query.Overdue ? clock.Today : null).ToPageAsync(query.Page, PageSize, cancellationToken);
    }

    /// <summary>Open invoices whose due date has passed: the dashboard's overdue receivables.</summary>
    public static IQueryable<Invoice> Overdue(IQueryable<Invoice> invoices, DateOnly today) =>
        invoices.Where(i => i.Status == InvoiceStatus.Open && i.DueOn < today);

    /// <summary>The queue's rows, newest first; its export reads the same.</summary>
    public static IQueryable<Row> Rows(MarketplaceDb db, InvoiceStatus? status, DateOnly? overdueOn)
    {
        var invoices = db.Invoices.AsQueryable();
        if (status is { } only)
        {
            invoices = invoices.Where(i => i.Status == only);
        }

        if (overdueOn is { } today)
        {
            invoices = Overdue(invoices, today);
        }

        return invoices.OrderByDescending(i => i.IssuedAt).ThenBy(i => i.Id)
            .Join(db.Organizations, i => i.PayerId, o => o.Id, (i, o) => new Row(i.Id, i.Number, o.Name, i.Description, i.Amount, i.Method,
                i.PurchaseOrderNumber, i.Status, i.IssuedAt, i.DueOn, i.PaidAt, i.PaymentReference, i.LotId, i.OrderId, i.NetTermsDays, i.ReceivedOn));
    }
}
