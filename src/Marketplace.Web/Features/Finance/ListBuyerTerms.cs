using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Finance;

/// <summary>The organizations that buy (districts, refurbishers, schools) with their net terms, by name, for finance to agree terms.</summary>
public static class ListBuyerTerms
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.Finance, Roles.Admin)]
    public sealed record Query(string? Name = null, int Page = 1) : IQuery<PageOf<Row>>;

    public sealed record Row(Guid Id, string Name, OrganizationKind Kind, int NetTermsDays, int OpenInvoices, decimal OpenAmount);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, PageOf<Row>>
    {
        public async ValueTask<PageOf<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizations = db.Organizations.Where(o => o.Kind != OrganizationKind.Platform);
            if (!string.IsNullOrWhiteSpace(query.Name))
            {
                var name = query.Name.Trim();
                organizations = organizations.Where(o => o.Name.Contains(name));
            }

            return await organizations.OrderBy(o => o.Name).ThenBy(o => o.Id)
                .Select(o => new Row(o.Id, o.Name, o.Kind, o.NetTermsDays,
                    db.Invoices.Count(i => i.PayerId == o.Id && i.Status == Domain.Finance.InvoiceStatus.Open),
                    db.Invoices.Where(i => i.PayerId == o.Id && i.Status == Domain.Finance.InvoiceStatus.Open).Sum(i => (decimal?)i.Amount) ?? 0))
                .ToPageAsync(query.Page, PageSize, cancellationToken);
        }
    }
}
