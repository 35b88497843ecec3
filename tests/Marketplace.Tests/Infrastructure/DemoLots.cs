using Marketplace.Tests.Domain.Lots;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// Lots saved straight into a running app's database at a given stage, owned by the demo district and bought
/// by the demo refurbisher (or the refurbisher organization named), with the invoice and ledger postings the
/// app itself would have written.
/// </summary>
public static class DemoLots
{
    public const string District = "Maple Valley School District";
    public const string Refurbisher = "GreenCycle ITAD";

    internal static Task<SampleLot> SaveDraftAsync(this MarketplaceFactory factory) =>
        factory.SaveAsync(Refurbisher, (district, _, now) => SampleLots.Draft(district, now));

    internal static Task<SampleLot> SaveListedAsync(this MarketplaceFactory factory) =>
        factory.SaveAsync(Refurbisher, (district, _, now) => SampleLots.Listed(district, now));

    internal static Task<SampleLot> SaveAwardedAsync(this MarketplaceFactory factory, decimal hammer, string buyer = Refurbisher) =>
        factory.SaveAsync(buyer, (district, organization, now) => SampleLots.Awarded(district, organization, hammer, now));

    internal static Task<SampleLot> SaveReceivedAsync(this MarketplaceFactory factory, decimal hammer, string buyer = Refurbisher) =>
        factory.SaveAsync(buyer, (district, organization, now) => SampleLots.Received(district, organization, hammer, now));

    internal static Task<SampleLot> SaveCertifiedAsync(this MarketplaceFactory factory, decimal hammer, string buyer = Refurbisher) =>
        factory.SaveAsync(buyer, (district, organization, now) => SampleLots.Certified(district, organization, hammer, now));

    private static Task<SampleLot> SaveAsync(this MarketplaceFactory factory, string buyerName, Func<Guid, OrganizationRights, DateTimeOffset, SampleLot> build) =>
        factory.WithDbAsync(async db =>
        {
            var district = await db.Organizations.SingleAsync(o => o.Name == District);
            var buyer = await db.Organizations.SingleAsync(o => o.Name == buyerName);
            var now = DateTimeOffset.UtcNow;
            var sample = build(district.Id, await db.RightsOfAsync(buyer.Id, DateOnly.FromDateTime(now.UtcDateTime), CancellationToken.None), now);
            sample.Lot.Revalue(new ManifestSummary { Devices = sample.Devices.Count, DataBearingDevices = sample.Devices.Count(d => d.IsDataBearing), ValuedAt = now });
            db.Lots.Add(sample.Lot);
            db.Devices.AddRange(sample.Devices);
            Add(db.Sales, sample.Sale);
            Add(db.LotSettlements, sample.Settlement);
            Add(db.LotFulfillments, sample.Fulfillment);
            db.SanitizationRecords.AddRange(sample.Records);
            if (sample.Fulfillment is { ReceivedAt: { } received } && sample.Sale?.Terms is { } agreed)
            {
                // Received as declared: the reconciliation matched.
                db.LotReconciliations.Add(LotReconciliation.Propose(sample.Id, district.Id, buyer.Id, "USD", sample.Devices.Count, sample.Devices.Count,
                    agreed.DistrictProceeds, [], received));
            }

            if (sample.Sale?.Terms is { } terms)
            {
                var invoice = new Invoice
                {
                    Number = ReferenceNumber.New("INV"),
                    PayerId = buyer.Id,
                    LotId = sample.Id,
                    Description = $"Lot {sample.Lot.Number}",
                    Amount = terms.BuyerTotal,
                    IssuedAt = now,
                    DueOn = DateOnly.FromDateTime(now.UtcDateTime).AddDays(Invoice.DefaultNetTermsDays),
                };
                db.Invoices.Add(invoice);
                db.LedgerTransactions.Add(LedgerPostings.LotSale(sample.Sale, sample.Lot.Number, now, FundingMix.Unknown));
                if (sample.Settlement?.IsFunded == true)
                {
                    invoice.MarkPaid(PaymentMethod.Ach, "ACH-SAMPLE", now);
                    db.LedgerTransactions.Add(LedgerPostings.Payment(invoice, now));
                }
            }

            await db.SaveChangesAsync();
            return sample;
        });

    private static void Add<T>(DbSet<T> set, T? entity) where T : class
    {
        if (entity is not null)
        {
            set.Add(entity);
        }
    }
}
