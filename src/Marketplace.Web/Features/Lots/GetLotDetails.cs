using AutoMapper;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Imports;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Sales;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Payments;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

/// <summary>A lot's page: the manifest summary, one page of devices, the sale, the fulfillment and the money.</summary>
public static class GetLotDetails
{
    /// <summary>How many restricted serials a draft's E-rate warning names.</summary>
    private const int RestrictedSerialsShown = 12;

    /// <summary>The lot as its district or its buyer sees it; anyone else gets "not found".</summary>
    [AllowedRoles(Roles.DistrictStaff, Roles.RefurbisherStaff, Roles.SchoolStaff)]
    public sealed record Query(Guid LotId, DeviceFilter? Filter = null) : IQuery<LotDetails>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IMapper mapper, IPaymentProvider payments, ManifestValuation valuation, IClock clock,
        LotFederalShare federalShare)
        : IQueryHandler<Query, LotDetails>
    {
        public async ValueTask<LotDetails> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var row = await db.LotsOfParties(user).AsNoTracking().Where(l => l.Id == query.LotId).WithProgress(db).SingleOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException("Lot");
            var (lot, progress) = (row.Lot, row.Progress);
            var isDistrict = lot.DistrictId == organizationId;
            var sale = await db.Sales.AsNoTracking().Include(s => s.Quotes).Include(s => s.Bids).Include(s => s.Forfeits).AsSplitQuery()
                .SingleOrDefaultAsync(s => s.LotId == lot.Id, cancellationToken);
            var quotes = sale?.Quotes.Where(q => isDistrict || q.RefurbisherId == organizationId).ToList() ?? [];
            var partyIds = quotes.Select(q => q.RefurbisherId).Append(lot.DistrictId).Concat(sale?.BuyerId is { } b ? [b] : []).Distinct().ToList();
            var parties = await db.Organizations.AsNoTracking().Where(o => partyIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
            var quoters = quotes.Select(q => q.RefurbisherId).Distinct().ToList();
            var certifications = await db.CurrentCertificationsOfAsync(quoters, clock.Today, cancellationToken);
            var forfeits = isDistrict ? await db.ForfeitsOfAsync(quoters, cancellationToken) : [];

            var (restrictedCount, restricted) = progress.CanEditManifest && lot.Manifest.ERateRestrictedDevices > 0
                ? await valuation.ERateRestrictedAsync(lot.Id, RestrictedSerialsShown, cancellationToken)
                : (0, []);
            var fulfillment = await db.LotFulfillments.AsNoTracking().Include(f => f.Windows).Where(f => f.LotId == lot.Id).SingleOrDefaultAsync(cancellationToken);
            var invoice = await db.Invoices.AsNoTracking().Where(i => i.LotId == lot.Id).OrderByDescending(i => i.IssuedAt).FirstOrDefaultAsync(cancellationToken);
            var payout = await db.Payouts.AsNoTracking().SingleOrDefaultAsync(p => p.LotId == lot.Id, cancellationToken);
            // Asked only where the page would otherwise offer a form the organization's standing refuses.
            var rights = (isDistrict && progress.CanEditManifest) || (!isDistrict && progress.AwaitsPayment)
                ? await db.RightsOfAsync(user, clock, cancellationToken)
                : null;
            var reconciliation = fulfillment?.ReceivedAt is null ? null : await db.LotReconciliations.Where(r => r.LotId == lot.Id)
                .Select(r => new ReconciliationSummary(r.Status, r.ReceivedCount, r.Lines.Count, r.ProposedAdjustment, r.AgreedAdjustment))
                .SingleOrDefaultAsync(cancellationToken);
            return new LotDetails
            {
                Lot = mapper.Map<LotHeader>(lot),
                Progress = progress,
                DistrictName = parties.GetValueOrDefault(lot.DistrictId)?.Name ?? "",
                BuyerName = sale?.BuyerId is { } buyer ? parties.GetValueOrDefault(buyer)?.Name : null,
                Devices = await GetLotDevices.Handler.ReadAsync(db, mapper, lot.Id, lot.Manifest.Devices, query.Filter ?? new DeviceFilter(),
                    progress.ShowsSanitization, cancellationToken),
                ERateRestrictedCount = restrictedCount,
                ERateRestrictedSerials = restricted,
                SaleMode = sale?.Mode,
                Sale = sale is null ? null : await Sales.SalePanel.ReadAsync(db, sale, organizationId, isDistrict, clock.Now, clock.Today, cancellationToken),
                Quotes = quotes.OrderByDescending(q => q.Amount).Select(q =>
                {
                    var org = parties.GetValueOrDefault(q.RefurbisherId);
                    var certification = certifications.GetValueOrDefault(q.RefurbisherId)?.Standing;
                    return new QuoteRow(q.Id, q.RefurbisherId, org?.Name ?? "Unknown", certification, q.Amount, q.Note, q.SubmittedAt, q.ValidUntil, q.Status)
                    {
                        Forfeits = forfeits.GetValueOrDefault(q.RefurbisherId),
                        PerDevice = q.PerDevice,
                    };
                }).ToList(),
                Terms = sale?.Terms,
                Fulfillment = fulfillment is null ? null : FulfillmentView.From(fulfillment, clock.Today) with
                {
                    StillEnrolled = fulfillment.PickedUpAt is null ? await db.Devices.CountAsync(d => d.LotId == lot.Id && d.Enrollment == EnrollmentStatus.Enrolled, cancellationToken) : 0,
                    HandOverScans = await ScansAsync(lot.Id, ScanStage.HandOver, cancellationToken),
                    ReceivingScans = fulfillment.PickedUpAt is null ? 0 : await ScansAsync(lot.Id, ScanStage.Receiving, cancellationToken),
                    Reconciliation = reconciliation,
                },
                Invoice = invoice is null ? null : mapper.Map<InvoiceView>(invoice),
                Payout = payout is null ? null : mapper.Map<PayoutView>(payout),
                CertificateCode = await db.Certificates.Where(c => c.LotId == lot.Id).Select(c => c.VerificationCode).SingleOrDefaultAsync(cancellationToken),
                AcceptsCards = payments.AcceptsCards,
                SubmitNotice = isDistrict && rights is not null ? rights.NoticeFor("list a lot") : null,
                PayNotice = !isDistrict && rights is not null ? rights.NoticeFor("pay") : null,
                UnfinishedImports = isDistrict && progress.CanEditManifest
                    ? await db.ImportJobsOwnedBy(user).AsNoTracking()
                        .Where(j => j.LotId == lot.Id && (j.Status == ImportStatus.AwaitingMapping || j.Status == ImportStatus.Validating
                                                          || j.Status == ImportStatus.Validated || j.Status == ImportStatus.Importing))
                        .OrderByDescending(j => j.CreatedAt)
                        .Select(j => new UnfinishedImport(j.Id, j.FileName, j.Status, j.TotalRows, j.ValidRows, j.IssueCount, j.CreatedAt))
                        .ToListAsync(cancellationToken)
                    : [],
                // What the district receives after any settled receiving adjustment, as the Money card says it.
                FederalShare = isDistrict ? await FederalShareAsync(lot, sale?.Terms is { } terms ? terms.DistrictProceeds - (reconciliation?.Agreed ?? 0) : null, cancellationToken) : null,
            };
        }

        private async Task<FederalShareView?> FederalShareAsync(Domain.Lots.Lot lot, decimal? proceeds, CancellationToken cancellationToken)
        {
            var shares = await federalShare.ForLotAsync(lot.Id, lot.DistrictId, proceeds, cancellationToken);
            if (shares.Count == 0)
            {
                return null;
            }

            var choices = await db.FundingAwards.AsNoTracking().Where(a => a.DistrictId == lot.DistrictId).OrderBy(a => a.Name)
                .Select(a => new AwardChoice(a.Id, a.Name)).ToListAsync(cancellationToken);
            var unlinked = await db.Devices.Where(d => d.LotId == lot.Id && d.FundingSource == FundingSource.FederalGrant && d.FundingAwardId == null)
                .GroupBy(d => d.Model).OrderBy(g => g.Key).Select(g => new UnlinkedModel(g.Key, g.Count())).ToListAsync(cancellationToken);
            return new FederalShareView(shares, proceeds, choices, unlinked);
        }

        private Task<int> ScansAsync(Guid lotId, ScanStage stage, CancellationToken cancellationToken) =>
            db.DeviceScans.CountAsync(s => s.LotId == lotId && s.Stage == stage && s.DeviceId != null && s.RemovedAt == null, cancellationToken);
    }
}
