using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Sanitization;

/// <summary>
/// The buyer's sanitization desk for one lot: a page of media records awaiting a second person's decision (escalated ones
/// first, for the supervisor) and the quality-control sample. Reads one page through the (lot, status, time) index.
/// </summary>
public static class GetSanitizationWork
{
    public const int PageSize = 25;

    [AllowedRoles(Roles.RefurbisherStaff)]
    public sealed record Query(Guid LotId, int Page = 1) : IQuery<Result>;

    public sealed record AwaitingRecord(Guid Id, string Serial, string MediumSerial, MediaType MediaType, SanitizationMethod? Method, SanitizationTechnique Technique,
        string Tool, VerificationResult VerificationResult, string Performer, DateTimeOffset RecordedAt, int Attempt, RecordStatus Status, string? EscalationReason);

    public sealed record SampleRow(Guid Id, string Serial, string MediumSerial, QualityCheckResult Result, RecordStatus MediumStatus, string? Checker, DateTimeOffset? CheckedAt);

    /// <param name="AcceptableByYou">Records awaiting validation, verified as passed, that the signed-in person did not record: what they may accept at once.</param>
    /// <param name="LatestAcceptable">When the newest of those was recorded, so accepting them all takes only what the page showed.</param>
    public sealed record Result(IReadOnlyList<AwaitingRecord> Awaiting, int AwaitingTotal, int Page, int Pages, int SentBack,
        int MediaRecorded, int MediaAccepted, int SanitizedDevices, int DeviceCount, int SampleSize, int SamplePassed, IReadOnlyList<SampleRow> Sample,
        int AcceptableByYou = 0, DateTimeOffset? LatestAcceptable = null);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var fulfillment = await db.FulfillmentsBoughtBy(user).AsNoTracking().SingleOrDefaultAsync(f => f.LotId == query.LotId, cancellationToken)
                              ?? throw new NotFoundException("Lot");
            var open = db.SanitizationRecords.Where(r => r.LotId == fulfillment.LotId && (r.Status == RecordStatus.AwaitingValidation || r.Status == RecordStatus.Escalated));
            var total = await open.CountAsync(cancellationToken);
            var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(query.Page, 1, pages);
            var awaiting = await open.OrderByDescending(r => r.Status).ThenBy(r => r.RecordedAt)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .Join(db.Devices, r => r.DeviceId, d => d.Id, (r, d) => new AwaitingRecord(r.Id, d.Serial, r.MediumSerial, r.MediaType, r.Method, r.Technique,
                    r.Tool, r.VerificationResult, r.Performer.Name, r.RecordedAt, r.Attempt, r.Status, r.EscalationReason))
                .ToListAsync(cancellationToken);
            var sentBack = await db.SanitizationRecords.CountAsync(r => r.LotId == fulfillment.LotId && r.Status == RecordStatus.Repeat, cancellationToken);
            // The sample is a few percent of the lot; the ones still to re-check come first.
            var sample = await db.QualityChecks.Where(c => c.LotId == fulfillment.LotId)
                .OrderBy(c => c.Result == QualityCheckResult.Passed).ThenBy(c => c.DrawnAt).ThenBy(c => c.Id).Take(100)
                .Join(db.SanitizationRecords, c => c.RecordId, r => r.Id, (c, r) => new { c, r })
                .Join(db.Devices, x => x.r.DeviceId, d => d.Id, (x, d) => new SampleRow(x.c.Id, d.Serial, x.r.MediumSerial, x.c.Result, x.r.Status,
                    x.c.Checker == null ? null : x.c.Checker.Name, x.c.CheckedAt))
                .ToListAsync(cancellationToken);
            var acceptable = db.SanitizationRecords.AcceptableBy(fulfillment.LotId, user.UserId);
            var acceptableCount = total == 0 ? 0 : await acceptable.CountAsync(cancellationToken);
            var latest = acceptableCount == 0 ? null : await acceptable.OrderByDescending(r => r.RecordedAt).Select(r => (DateTimeOffset?)r.RecordedAt).FirstAsync(cancellationToken);
            return new Result(awaiting, total, page, pages, sentBack, fulfillment.MediaRecorded, fulfillment.MediaAccepted, fulfillment.SanitizedCount,
                fulfillment.DevicesToSanitize, fulfillment.QualitySampleSize, fulfillment.QualityChecksPassed, sample, acceptableCount, latest);
        }
    }
}
