using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Sanitization;

/// <summary>
/// The second person accepts, in one decision, every record of the lot awaiting validation that they did not record or
/// perform (an uploaded report of a thousand media, typically), each through the same <see cref="SanitizationRecord.Validate"/>
/// as one at a time. Only what the page showed: records up to the newest one listed, so a report uploaded meanwhile is not
/// accepted unseen. Failed verifications (they need a repeat) and escalated records (they need a supervisor) stay in the list.
/// </summary>
public static class AcceptAwaitingRecords
{
    [AllowedRoles(Roles.RefurbisherTechnician, Roles.OrganizationAdmin)]
    public sealed record Command(Guid LotId, DateTimeOffset RecordedThrough, PersonOfRecord Validator) : ICommand<Result>;

    /// <param name="PerformedByValidator">Records whose performer has the validator's name: another person must validate them.</param>
    public sealed record Result(int Accepted, int PerformedByValidator);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Validator).NotNull().SetValidator(new PersonValidator("validates"));
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var fulfillment = await db.FulfillmentsBoughtBy(user).AsNoTracking().SingleOrDefaultAsync(f => f.LotId == command.LotId, cancellationToken)
                              ?? throw new NotFoundException("Lot");
            if (!fulfillment.AcceptsSanitization)
            {
                throw new DomainException("This lot is not in sanitization.");
            }

            var records = await db.SanitizationRecords.AcceptableBy(fulfillment.LotId, user.UserId)
                .Where(r => r.RecordedAt <= command.RecordedThrough).ToListAsync(cancellationToken);
            var mine = records.Count(r => command.Validator.IsSamePersonAs(r.Performer));
            var accepted = 0;
            foreach (var record in records.Where(r => !command.Validator.IsSamePersonAs(r.Performer)))
            {
                accepted += record.Validate(ValidationDecision.Accept, command.Validator, user.UserId, null, clock.Now) ? 1 : 0;
            }

            if (accepted == 0)
            {
                throw new DomainException(mine > 0
                    ? $"{command.Validator.Name.Trim()} performed every record awaiting validation; validation must be done by a different person."
                    : "No record awaits your validation any more; the list shows where the lot stands.");
            }

            await SanitizationProgress.MoveAsync(db, outbox, fulfillment.Id, accepted: accepted, cancellationToken: cancellationToken);
            return new Result(accepted, mine);
        }
    }
}

public static class AcceptableRecords
{
    /// <summary>The lot's records a person may accept in bulk: awaiting validation, verified as passed, and not recorded by them.</summary>
    public static IQueryable<SanitizationRecord> AcceptableBy(this IQueryable<SanitizationRecord> records, Guid lotId, Guid userId) =>
        records.Where(r => r.LotId == lotId && r.Status == RecordStatus.AwaitingValidation && r.VerificationResult == VerificationResult.Passed
                           && r.RecordedByUserId != userId);
}
