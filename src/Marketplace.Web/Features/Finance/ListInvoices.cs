using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Finance;

public static class ListInvoices
{
    [AllowedRoles(Roles.Finance, Roles.Admin)]
    public sealed record Query(InvoiceStatus? Status) : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(Guid Id, string Number, string Payer, string Description, decimal Amount, PaymentMethod Method, string? PurchaseOrderNumber,
        InvoiceStatus Status, DateTimeOffset IssuedAt, DateOnly DueOn, DateTimeOffset? PaidAt, string? PaymentReference);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var invoices = db.Invoices.AsQueryable();
            if (query.Status is { } status)
            {
                invoices = invoices.Where(i => i.Status == status);
            }

            return await invoices.OrderByDescending(i => i.IssuedAt).Take(500)
                .Join(db.Organizations, i => i.PayerId, o => o.Id, (i, o) => new Row(i.Id, i.Number, o.Name, i.Description, i.Amount, i.Method,
                    i.PurchaseOrderNumber, i.Status, i.IssuedAt, i.DueOn, i.PaidAt, i.PaymentReference))
                .ToListAsync(cancellationToken);
        }
    }
}
