using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Settlement;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Fulfillment;

/// <summary>
/// The devices arrived at the buyer's facility: a custody event records it, and sanitization can be recorded serial by
/// serial, or, for a lot holding no data-bearing devices, the district's funds are released.
/// </summary>
public static class MarkReceived
{
    [AllowedRoles(Roles.RefurbisherTechnician, Roles.SchoolBuyer, Roles.SchoolApprover)]
    public sealed record Command(Guid LotId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var fulfillment = await db.LoadBuyerFulfillmentAsync(command.LotId, user, cancellationToken);
            var now = clock.Now;
            fulfillment.MarkReceived(now);
            var number = await db.Lots.Where(l => l.Id == fulfillment.LotId).Select(l => l.Number).SingleAsync(cancellationToken);
            var buyer = await db.Organizations.AsNoTracking().Where(o => o.Id == fulfillment.BuyerId).Select(o => new { o.Name, o.City, o.State }).SingleAsync(cancellationToken);
            var scanned = await db.DeviceScans.CountAsync(s => s.LotId == fulfillment.LotId && s.Stage == ScanStage.Receiving && s.DeviceId != null && s.RemovedAt == null, cancellationToken);
            db.CustodyEvents.Add(CustodyEvent.Of(CustodyEventKind.Received, fulfillment.LotId, null, user.Actor(), now,
                buyer.City is null ? buyer.Name : $"{buyer.Name}, {buyer.City}, {buyer.State}",
                $"{scanned:N0} of {fulfillment.DeviceCount:N0} devices scanned at receiving so far."));
            // Nothing in the lot stores data: receipt is the release condition (LotProgress.ProofComplete), and no certificate follows.
            var needsProof = (await db.ProgressOfAsync(fulfillment.LotId, cancellationToken)).NeedsProof;
            outbox.Email(fulfillment.DistrictId, $"Lot {number} was received", $"The buyer received lot {number}. " + (needsProof
                ? "Data sanitization is recorded serial by serial; your certificate follows automatically."
                : "It holds no data-bearing devices, so no certificate is needed: your funds are released now."), Roles.DistrictInventory);
            if (!needsProof)
            {
                outbox.Enqueue(new ReleaseDistrictFunds.Command(fulfillment.LotId));
            }

            return Unit.Value;
        }
    }
}
