using System.Security.Cryptography;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Sanitization;

/// <summary>
/// Background, once every medium of every serial is accepted: draws the R2v3 quality-control sample — at least
/// <c>Sanitization:QualitySampleRate</c> (default 5%) of the lot's media, never fewer than
/// <c>Sanitization:QualitySampleMinimum</c> (default 1) — with a cryptographic generator, and stores it. Runs once per
/// lot: it reads every record id of the lot, which is why it is a job and not part of a scan. Idempotent.
/// </summary>
public static class DrawQualitySample
{
    public const decimal DefaultRate = 0.05m;

    [AllowedRoles(Roles.System)]
    public sealed record Command(Guid LotId) : ICommand;

    public sealed class Handler(MarketplaceDb db, IClock clock, IConfiguration configuration) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var fulfillment = await db.LotFulfillments.AsNoTracking().SingleOrDefaultAsync(f => f.LotId == command.LotId, cancellationToken) ?? throw new NotFoundException("Lot");
            if (!fulfillment.NeedsQualitySample || await db.QualityChecks.AnyAsync(c => c.LotId == command.LotId, cancellationToken))
            {
                return Unit.Value;
            }

            var media = await db.SanitizationRecords.Where(r => r.LotId == command.LotId).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
            var rate = configuration.GetValue("Sanitization:QualitySampleRate", DefaultRate);
            var minimum = configuration.GetValue("Sanitization:QualitySampleMinimum", 1);
            var size = QualityCheck.SampleSize(media.Count, Math.Max(rate, DefaultRate), minimum);
            var sample = QualityCheck.Draw(command.LotId, media, size, RandomNumberGenerator.GetInt32, clock.Now);
            fulfillment.CountSampleDrawn(sample.Count);
            db.QualityChecks.AddRange(sample);
            // Conditional: a second run racing this one finds the size set and changes nothing; the unique record index stops a double sample.
            await db.LotFulfillments.Where(f => f.Id == fulfillment.Id && f.QualitySampleSize == 0)
                .ExecuteUpdateAsync(set => set.SetProperty(f => f.QualitySampleSize, sample.Count), cancellationToken);
            return Unit.Value;
        }
    }
}
