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
    public sealed record Query(InvoiceStatus? Status, int Page = 1) : IQuery<PageOf<Row>>;

    public sealed record Row(Guid Id, string Number, string Payer, string Description, decimal Amount, PaymentMethod Method, string? PurchaseOrderNumber,
        InvoiceStatus Status, DateTimeOffset IssuedAt, DateOnly DueOn, DateTimeOffset? PaidAt, string? PaymentReference);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, PageOf<Row>>
    {
        public async ValueTask<PageOf<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var invoices = db.Invoices.AsQueryable();
            if (query.Status is { } status)
            {
                invoices = invoices.Where(i => i.Status == status);
            }

            return await invoices.OrderByDescending(i => i.IssuedAt).ThenBy(i => i.Id)
                .Join(db.Organizations, i => i.PayerId, o => o.Id, (i, o) => new Row(i.Id, i.Number, o.Name, i.Description, i.Amount, i.Method,
                    i.PurchaseOrderNumber, i.Status, i.IssuedAt, i.DueOn, i.PaidAt, i.PaymentReference))
                .ToPageAsync(query.Page, PageSize, cancellationToken);
        }
    }
}
