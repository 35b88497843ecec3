using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Lots;
using System.Globalization;
using Marketplace.Web.Infrastructure.Documents;
using Marketplace.Web.Infrastructure.Spreadsheets;

namespace Marketplace.Web.Features.Sales;

/// <summary>
/// The district's board-ready summary of a sale that has ended (awarded, unsold or forfeited): mode, buyers, every offer,
/// the winner and the price against the estimate, as a PDF; or every offer as CSV or .xlsx for the business office's own records.
/// Not before the close: sealed amounts stay sealed until then.
/// </summary>
public static class GetSaleSummary
{
    public enum Format { Pdf, Csv, Xlsx }

    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Query(Guid LotId, Format As = Format.Pdf) : IQuery<Result>;

    public sealed record Result(byte[] Content, string FileName, string ContentType);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var lot = await db.LotsOwnedBy(user).AsNoTracking().SingleOrDefaultAsync(l => l.Id == query.LotId, cancellationToken) ?? throw new NotFoundException("Lot");
            var sale = await db.Sales.AsNoTracking().Include(s => s.Quotes).Include(s => s.Bids).Include(s => s.Forfeits).AsSplitQuery()
                           .SingleOrDefaultAsync(s => s.LotId == lot.Id, cancellationToken)
                       ?? throw new DomainException("This lot has not been listed: there is no sale to summarize.");
            if (sale.Status is SaleStatus.Open or SaleStatus.Cancelled)
            {
                throw new DomainException(sale.Status == SaleStatus.Open
                    ? "The sale summary is ready once the sale has ended: offers stay sealed until then."
                    : "This lot was withdrawn: there is no sale to summarize.");
            }

            var bids = sale.Bids.Where(b => b.Round == sale.Round).ToList();
            var quotes = sale.Quotes.Where(q => q.Status != QuoteStatus.Withdrawn).ToList();
            var ids = bids.Select(b => b.BidderId).Concat(quotes.Select(q => q.RefurbisherId)).Concat(sale.Forfeits.Select(f => f.BuyerId))
                .Concat(sale.BuyerId is { } b ? [b] : []).Append(lot.DistrictId).Distinct().ToList();
            var names = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
            var offers = sale.Mode switch
            {
                SaleMode.RequestForQuotes => quotes.Select(q => new SummaryOffer(q.SubmittedAt, names[q.RefurbisherId], q.Amount, q.Status.Words().ToLowerInvariant())),
                SaleMode.SealedBid => bids.Select(x => new SummaryOffer(x.PlacedAt, names[x.BidderId], x.Amount, x.Replaced ? "replaced" : null)),
                // An auction's maxima are the bidders' own; the board sees the price each bid made.
                _ => bids.Select(x => new SummaryOffer(x.PlacedAt, names[x.BidderId], x.PriceAfter ?? x.Amount, x.LeaderAfter == x.BidderId ? "leading" : null)),
            };
            var terms = sale.Terms;
            var estimate = lot.Manifest.Estimate;
            var outcome = sale.Status switch
            {
                SaleStatus.Awarded => "Awarded",
                SaleStatus.Unsold => sale.BidCount == 0 ? "Unsold: no bids" : "Unsold: reserve not met",
                SaleStatus.Forfeited => "Forfeited: the winner did not pay",
                SaleStatus.Offered => "Offered to the next-highest bidder",
                _ => sale.Status.Words(),
            };
            var content = new SaleSummaryContent(lot.Number, lot.Title, names[lot.DistrictId], lot.Manifest.Devices, ModeName(sale.Mode), sale.OpenedAt, sale.ClosedAt,
                sale.ClosesAt > sale.ScheduledCloseAt ? $"extended from {sale.ScheduledCloseAt!.Value.UtcDateTime:HH:mm} by late bids" : null,
                estimate.Low, estimate.High, bids.Select(x => x.BidderId).Concat(quotes.Select(q => q.RefurbisherId)).Distinct().Count(),
                offers.OrderBy(o => o.At).ToList(), sale.BuyerId is { } buyer ? names[buyer] : null, terms?.HammerPrice, terms?.BuyerPremium, terms?.DistrictProceeds,
                outcome, sale.Forfeits.Select(f => names[f.BuyerId]).ToList(), clock.Now);
            var file = $"sale-offers-{lot.Number}";
            switch (query.As)
            {
                case Format.Csv:
                    return new Result(SpreadsheetCsv.Write(OfferColumns.Headers, OfferColumns.Format(content.Offers)), $"{file}.csv", "text/csv");
                case Format.Xlsx:
                    return new Result(SpreadsheetXlsx.Write("Offers", $"Offers on lot {lot.Number}", OfferColumns, content.Offers), $"{file}.xlsx", SpreadsheetXlsx.ContentType);
            }

            return new Result(SaleSummaryDocument.Render(content), $"sale-summary-{lot.Number}.pdf", "application/pdf");
        }

        /// <summary>Every offer as a row: the same columns in CSV and .xlsx (the amount a real number in Excel).</summary>
        private static readonly SpreadsheetColumns<SummaryOffer> OfferColumns = new SpreadsheetColumns<SummaryOffer>()
            .Text("When (UTC)", 20, o => o.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
            .Text("Buyer", 36, o => o.Bidder)
            .Number("Amount (USD)", 14, o => o.Amount)
            .Text("Note", 16, o => o.Note);

        private static string ModeName(SaleMode mode) => mode switch
        {
            SaleMode.SealedBid => "Sealed bid (highest wins; amounts sealed until the close)",
            SaleMode.Auction => "Ascending auction with proxy bids and soft close",
            SaleMode.BuyNow => "Buy now at a fixed price",
            _ => "Request for quotes",
        };
    }
}
