using System.Linq.Expressions;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure.Pipeline;

namespace Marketplace.Web.Features.Fulfillment;

/// <summary>How a scan was taken.</summary>
public enum ScanResult
{
    /// <summary>Recorded against a device of the lot.</summary>
    Matched,

    /// <summary>Matched no device of the lot; recorded as an unknown value.</summary>
    Unknown,

    /// <summary>Already scanned at this stage (by serial or asset tag): ignored.</summary>
    Duplicate,

    /// <summary>A scan taken back.</summary>
    Removed,
}

/// <summary>The running counts of a lot's scans at one stage.</summary>
public sealed record ScanCounts(int Scanned, int Expected, int Unknown)
{
    public int Missing => Math.Max(0, Expected - Scanned);
}

/// <param name="StillEnrolled">The device is still enrolled in device management: the hand-over waits for its deprovisioning.</param>
public sealed record ScanOutcome(ScanResult Result, string Value, string? Serial, string? AssetTag, string? Model, string? Box, bool StillEnrolled,
    ScanCounts Counts, string Message);

/// <summary>
/// One label scanned at the district's dock (hand-over) or at the buyer's facility (receiving), saved as it arrives: matched
/// case-insensitively against the lot's serials, then its asset tags, through their indexes, so a scan reads one device
/// whatever the lot's size. A device (or unknown value) already scanned at the stage is a duplicate and changes nothing. At
/// the hand-over the district may confirm, with the same scan, that an enrolled device was deprovisioned.
/// </summary>
public static class RecordScan
{
    [AllowedRoles(Roles.DistrictInventory, Roles.RefurbisherTechnician, Roles.SchoolBuyer, Roles.SchoolApprover)]
    /// <param name="Grade">Receiving only: the cosmetic grade the device arrived in (null: as declared).</param>
    /// <param name="Model">Receiving only: the model it arrived as, when not the one declared.</param>
    public sealed record Command(Guid LotId, string Value, string? Box = null, bool ConfirmDeprovisioned = false, CosmeticGrade? Grade = null, string? Model = null)
        : ICommand<ScanOutcome>, IPreparedBeforeTransaction;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Value).NotEmpty().WithMessage("Scan a label, or type a serial number or asset tag.")
                .MaximumLength(ScannedLabel.MaxRawLength).WithMessage("That is longer than any serial number or asset tag: was another barcode scanned?");
            RuleFor(c => c.Box).MaximumLength(DeviceScan.MaxBoxLength).WithMessage($"A box number has at most {DeviceScan.MaxBoxLength} characters.");
            RuleFor(c => c.Grade).IsInEnum().WithMessage("Choose the grade as received: A, B, C or D.");
            RuleFor(c => c.Model).MaximumLength(ReconciliationLine.MaxModelLength).WithMessage($"A model name has at most {ReconciliationLine.MaxModelLength} characters.");
        }
    }

    /// <summary>What a scan reads before its transaction: which side of the lot the scanner is on, and at receiving the device and the place.</summary>
    /// <param name="Device">Receiving only: the device the label names (null when none does, or at the hand-over).</param>
    /// <param name="Place">Receiving only: the buyer's facility, as custody events name it.</param>
    internal sealed record Looked(bool IsDistrict, ScannedDevice.Match? Device, string? Place)
    {
        public ScanStage Stage => IsDistrict ? ScanStage.HandOver : ScanStage.Receiving;
    }

    /// <summary>
    /// The reads a receiving scan (ten a lot, at a bench's pace) needs no write lock for, made before its transaction: the
    /// scanner's side of the lot, which never changes, and the device the label names and the buyer's place. A sold lot's
    /// devices stay as they are but for their enrollment in device management, which the hand-over asks about: a hand-over
    /// scan reads its device, and the dock its place names, inside the transaction. The transaction reads the fulfillment's
    /// state, the running counts and the duplicate check in one query.
    /// </summary>
    public sealed class Lookup(MarketplaceDb db, ICurrentUser user) : IPreparation<Command>
    {
        private readonly Prepared<Command, Looked> _looked = new();

        public async ValueTask PrepareAsync(Command command, CancellationToken cancellationToken) => _looked.Keep(command, await LookAsync(command, cancellationToken));

        /// <summary>What was looked up before the transaction, or now when nothing was.</summary>
        internal async ValueTask<Looked> ForAsync(Command command, CancellationToken cancellationToken) =>
            _looked.For(command) ?? await LookAsync(command, cancellationToken);

        private async Task<Looked> LookAsync(Command command, CancellationToken cancellationToken)
        {
            // Refuses anyone but the lot's two parties before a device of it is read.
            var party = await db.LoadPartyFulfillmentAsync(command.LotId, user, tracked: false, cancellationToken);
            if (party.IsDistrict)
            {
                return new Looked(true, null, null);
            }

            var device = await ScannedDevice.FindAsync(db, command.LotId, ScannedLabel.Read(command.Value), cancellationToken);
            var buyer = await db.Organizations.Where(o => o.Id == party.Fulfillment.BuyerId).Select(o => new { o.Name, o.City, o.State }).SingleAsync(cancellationToken);
            return new Looked(false, device, buyer.City is null ? buyer.Name : $"{buyer.Name}, {buyer.City}, {buyer.State}");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Lookup lookup) : ICommandHandler<Command, ScanOutcome>
    {
        public async ValueTask<ScanOutcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var label = ScannedLabel.Read(command.Value);
            var looked = await lookup.ForAsync(command, cancellationToken);
            var stage = looked.Stage;
            var device = looked.IsDistrict ? await ScannedDevice.FindAsync(db, command.LotId, label, cancellationToken) : looked.Device;
            var state = await ScannedDevice.StateAsync(db, command.LotId, stage, device?.Id, label.Value, cancellationToken);
            var (fulfillment, counts, duplicate) = (state.Fulfillment, state.Counts, state.Duplicate);
            var now = clock.Now;
            var actor = user.Actor();
            // Asked before the duplicate check: a scan after the stage closed is refused, never "ignored".
            fulfillment.EnsureAcceptsScans(stage);
            var box = string.IsNullOrWhiteSpace(command.Box) ? null : command.Box.Trim();
            var shown = device?.Serial ?? label.Raw;
            if (duplicate)
            {
                return new ScanOutcome(ScanResult.Duplicate, label.Raw, device?.Serial, device?.AssetTag, device?.Model, box, device?.Enrollment == EnrollmentStatus.Enrolled,
                    counts, $"{shown} was already scanned at the {stage.StageName()}: this scan was ignored.");
            }

            var condition = command.Grade is null && string.IsNullOrWhiteSpace(command.Model) ? null : new ReceivedCondition(command.Grade, command.Model);
            var scan = fulfillment.RecordScan(stage, label, device?.Id, box, actor, now, condition);
            db.DeviceScans.Add(scan);
            var place = looked.Place ?? await DockAsync(fulfillment, cancellationToken);
            db.CustodyEvents.Add(CustodyEvent.Of(CustodyEventKind.Scanned, fulfillment.LotId, device?.Id, actor, now, place,
                (device is null ? $"Unknown value {label.Raw}" : $"Scanned as {label.Raw}") + (scan.Box is { } inBox ? $", box {inBox}" : "") + scan.ReceivedWords, stage));

            var stillEnrolled = device?.Enrollment == EnrollmentStatus.Enrolled;
            if (stillEnrolled && stage == ScanStage.HandOver && command.ConfirmDeprovisioned)
            {
                await db.Devices.Where(d => d.Id == device!.Id).ExecuteUpdateAsync(set => set.SetProperty(d => d.Enrollment, EnrollmentStatus.Deprovisioned), cancellationToken);
                db.CustodyEvents.Add(CustodyEvent.Of(CustodyEventKind.DeprovisioningConfirmed, fulfillment.LotId, device!.Id, actor, now, place,
                    "Confirmed at the dock scan: deprovisioned as retiring, no account or cloud-service link left."));
                stillEnrolled = false;
            }

            if (device is null)
            {
                counts = counts with { Unknown = counts.Unknown + 1 };
                return new ScanOutcome(ScanResult.Unknown, label.Raw, null, null, null, scan.Box, false, counts,
                    $"{label.Raw} is not a serial or asset tag of this lot: kept as an unknown scan.");
            }

            counts = counts with { Scanned = counts.Scanned + 1 };
            return new ScanOutcome(ScanResult.Matched, label.Raw, device.Serial, device.AssetTag, device.Model, scan.Box, stillEnrolled, counts,
                $"{device.Serial}{(device.AssetTag is { } tag ? $" ({tag})" : "")} scanned{(scan.Box is { } packedIn ? $" into box {packedIn}" : "")}{scan.ReceivedWords}: {counts.Scanned:N0} of {counts.Expected:N0}." +
                (stillEnrolled ? " It is still enrolled in device management: deprovision it before the hand-over." : ""));
        }

        /// <summary>The district's dock, where a hand-over scan happens: the lot's pickup address and the dock confirmed for the pickup.</summary>
        private async Task<string> DockAsync(LotFulfillment fulfillment, CancellationToken cancellationToken)
        {
            var address = await db.Lots.Where(l => l.Id == fulfillment.LotId).Select(l => l.PickupAddress).SingleAsync(cancellationToken);
            return string.Join(" · ", new[] { address, fulfillment.PickupDock }.Where(p => !string.IsNullOrWhiteSpace(p)));
        }
    }
}

/// <summary>The device a scan names, and the counts the scan page keeps running: each a query on an index, never the lot's devices.</summary>
internal static class ScannedDevice
{
    public sealed record Match(Guid Id, string Serial, string? AssetTag, string Model, EnrollmentStatus Enrollment);

    /// <summary>
    /// The lot's device whose serial, else whose asset tag, is the scanned value, whatever its case (SQLite compares both
    /// columns NOCASE, SQL Server's default collation ignores case): the (lot, serial) index, then the (lot, asset tag) index.
    /// </summary>
    public static async Task<Match?> FindAsync(MarketplaceDb db, Guid lotId, ScannedLabel label, CancellationToken cancellationToken) =>
        await BySerial(db, lotId, label.Value, cancellationToken) ?? await ByAssetTag(db, lotId, label.Value, cancellationToken);

    // Compiled once (EF.CompileAsyncQuery): a scan runs these queries, and the state query below inside its write turn,
    // ten times a lot, and building, comparing and parameterizing their expression trees cost EF Core more than SQLite's
    // run of them (measured by the pipeline benchmark).
    private static readonly Func<MarketplaceDb, Guid, string, CancellationToken, Task<Match?>> BySerial = EF.CompileAsyncQuery(
        (MarketplaceDb db, Guid lotId, string value, CancellationToken _) => db.Devices.AsNoTracking().Where(d => d.LotId == lotId && d.Serial == value)
            .Select(d => new Match(d.Id, d.Serial, d.AssetTag, d.Model, d.Enrollment)).FirstOrDefault());

    // No ORDER BY: it would make SQLite walk the lot in serial order instead of seeking the (lot, asset tag) index.
    private static readonly Func<MarketplaceDb, Guid, string, CancellationToken, Task<Match?>> ByAssetTag = EF.CompileAsyncQuery(
        (MarketplaceDb db, Guid lotId, string value, CancellationToken _) => db.Devices.AsNoTracking().Where(d => d.LotId == lotId && d.AssetTag == value)
            .Select(d => new Match(d.Id, d.Serial, d.AssetTag, d.Model, d.Enrollment)).FirstOrDefault());

    public sealed record State(LotFulfillment Fulfillment, int Scanned, int Unknown, bool Duplicate)
    {
        public ScanCounts Counts => new(Scanned, Fulfillment.DeviceCount, Unknown);
    }

    /// <summary>
    /// The lot's fulfillment as it stands, the stage's running counts and whether this device (or, for no device, this unknown
    /// value) is already scanned at the stage: one query, each count and the check on its own filtered index.
    /// </summary>
    public static Task<State> StateAsync(MarketplaceDb db, Guid lotId, ScanStage stage, Guid? deviceId, string value, CancellationToken cancellationToken) =>
        (deviceId is { } id ? DeviceState(db, lotId, stage, id) : UnknownValueState(db, lotId, stage, value)).SingleAsync(cancellationToken).AsTask();

    // The queries as written (their SQL and SQLite's plan for it are tested), then compiled. The lot's scans at the stage
    // that were not taken back are written out in each: a compiled query is translated as written, so it cannot call a
    // helper that returns a query.
    internal static readonly Expression<Func<MarketplaceDb, Guid, ScanStage, Guid, IQueryable<State>>> DeviceStateQuery =
        (db, lotId, stage, deviceId) => db.LotFulfillments.AsNoTracking().Where(f => f.LotId == lotId).Select(f => new State(
            f,
            db.DeviceScans.Count(s => s.LotId == lotId && s.Stage == stage && s.RemovedAt == null && s.DeviceId != null),
            db.DeviceScans.Count(s => s.LotId == lotId && s.Stage == stage && s.RemovedAt == null && s.DeviceId == null),
            db.DeviceScans.Any(s => s.LotId == lotId && s.Stage == stage && s.RemovedAt == null && s.DeviceId == deviceId)));

    internal static readonly Expression<Func<MarketplaceDb, Guid, ScanStage, string, IQueryable<State>>> UnknownValueStateQuery =
        (db, lotId, stage, value) => db.LotFulfillments.AsNoTracking().Where(f => f.LotId == lotId).Select(f => new State(
            f,
            db.DeviceScans.Count(s => s.LotId == lotId && s.Stage == stage && s.RemovedAt == null && s.DeviceId != null),
            db.DeviceScans.Count(s => s.LotId == lotId && s.Stage == stage && s.RemovedAt == null && s.DeviceId == null),
            db.DeviceScans.Any(s => s.LotId == lotId && s.Stage == stage && s.RemovedAt == null && s.DeviceId == null && s.Value == value)));

    private static readonly Func<MarketplaceDb, Guid, ScanStage, Guid, IAsyncEnumerable<State>> DeviceState = EF.CompileAsyncQuery(DeviceStateQuery);
    private static readonly Func<MarketplaceDb, Guid, ScanStage, string, IAsyncEnumerable<State>> UnknownValueState = EF.CompileAsyncQuery(UnknownValueStateQuery);

    public static async Task<ScanCounts> CountsAsync(MarketplaceDb db, LotFulfillment fulfillment, ScanStage stage, CancellationToken cancellationToken)
    {
        var scans = InForce(db, fulfillment.LotId, stage);
        return new ScanCounts(
            await scans.CountAsync(s => s.DeviceId != null, cancellationToken),
            fulfillment.DeviceCount,
            await scans.CountAsync(s => s.DeviceId == null, cancellationToken));
    }

    /// <summary>The lot's scans at the stage that were not taken back.</summary>
    private static IQueryable<DeviceScan> InForce(MarketplaceDb db, Guid lotId, ScanStage stage) =>
        db.DeviceScans.Where(s => s.LotId == lotId && s.Stage == stage && s.RemovedAt == null);
}
