using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Reconciliation;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Fulfillment;

/// <summary>
/// The buyer finishes receiving: the devices scanned (or uploaded) at receiving are in its custody, and the lot is reconciled
/// against its manifest — missing, extra, lower-grade and different-model devices, each priced from the price guide. A lot
/// that matches is reconciled at once; otherwise the district approves the proposed adjustment or disputes it. Sanitization
/// is recorded from now on for the devices received; a lot holding no data-bearing devices is paid out once reconciled.
/// </summary>
public static class MarkReceived
{
    [AllowedRoles(Roles.RefurbisherTechnician, Roles.SchoolBuyer, Roles.SchoolApprover)]
    public sealed record Command(Guid LotId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox, ManifestValuation valuation) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var fulfillment = await db.LoadBuyerFulfillmentAsync(command.LotId, user, cancellationToken);
            var lotId = fulfillment.LotId;
            var now = clock.Now;
            var scans = await db.DeviceScans.AsNoTracking().Where(s => s.LotId == lotId && s.Stage == ScanStage.Receiving && s.RemovedAt == null)
                .Select(s => new { s.DeviceId, s.RawValue, s.Grade, s.ReceivedModel }).ToListAsync(cancellationToken);
            var received = scans.Where(s => s.DeviceId is not null).ToDictionary(s => s.DeviceId!.Value, s => new ReceivedCondition(s.Grade, s.ReceivedModel));
            fulfillment.MarkReceived(received.Count, now);

            var lot = await db.Lots.AsNoTracking().Where(l => l.Id == lotId).Select(l => new { l.Number }).SingleAsync(cancellationToken);
            var sale = await db.Sales.AsNoTracking().SingleAsync(s => s.LotId == lotId, cancellationToken);
            var terms = sale.Terms ?? throw new DomainException("The lot has not been awarded.");
            var declared = await db.Devices.AsNoTracking().Where(d => d.LotId == lotId)
                .Select(d => new DeclaredDevice(d.Id, d.Serial, d.Model, d.Category, d.Grade, d.Functional, d.AueDate)).ToListAsync(cancellationToken);
            var prices = await valuation.PricesAsync(cancellationToken);
            var today = clock.Today;
            var discrepancies = Reconciling.Discrepancies(declared, received,
                [.. scans.Where(s => s.DeviceId is null).Select(s => new ExtraScan(s.RawValue, s.ReceivedModel))], terms.DistrictProceeds,
                (model, category, grade, functional, aue) => prices.Value(model, category, grade, functional, AueYears.Left(aue, today)));
            var reconciliation = LotReconciliation.Propose(lotId, fulfillment.DistrictId, fulfillment.BuyerId, sale.Currency, fulfillment.DeviceCount, received.Count,
                terms.DistrictProceeds, discrepancies, now);
            db.LotReconciliations.Add(reconciliation);

            var buyer = await db.Organizations.AsNoTracking().Where(o => o.Id == fulfillment.BuyerId).Select(o => new { o.Name, o.City, o.State }).SingleAsync(cancellationToken);
            var counts = ReconciliationWords.Counts(reconciliation);
            db.CustodyEvents.Add(CustodyEvent.Of(CustodyEventKind.Received, lotId, null, user.Actor(), now,
                buyer.City is null ? buyer.Name : $"{buyer.Name}, {buyer.City}, {buyer.State}",
                $"{received.Count:N0} of {fulfillment.DeviceCount:N0} devices received. {counts}"));

            if (reconciliation.IsSettled)
            {
                outbox.Email(fulfillment.DistrictId, $"Lot {lot.Number} was received in full", $"The buyer received all {fulfillment.DeviceCount:N0} devices of lot {lot.Number} " +
                    "as declared. " + (sale.HoldsDataBearingDevices
                        ? "Data sanitization is recorded serial by serial; your certificate follows automatically, and your funds are released with it."
                        : "It holds no data-bearing devices, so no certificate is needed: your funds are released now."), Roles.DistrictInventory);
                ReconciliationSettlement.ReleaseWhenProven(outbox, lotId, sale.HoldsDataBearingDevices, fulfillment.CertifiedAt);
            }
            else
            {
                outbox.Email(fulfillment.DistrictId, $"Lot {lot.Number}: review the receiving reconciliation",
                    $"The buyer finished receiving lot {lot.Number}: {received.Count:N0} of {fulfillment.DeviceCount:N0} devices arrived. {counts}\n" +
                    $"Proposed adjustment to your proceeds: {reconciliation.ProposedAdjustment:C}, from the price guide.\n" +
                    $"Approve it or dispute it at /lots/{lotId}/reconciliation. Your funds are released once it is settled and the lot is certified.",
                    Roles.DistrictApprover, Roles.DistrictInventory);
            }

            return Unit.Value;
        }
    }
}
