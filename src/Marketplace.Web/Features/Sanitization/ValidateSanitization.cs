using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Sanitization;

/// <summary>
/// NIST SP 800-88 Rev. 2 §4.6 validation: a second person of the processor — a technician or the organization's admin,
/// never the one who performed it — accepts a medium's record, sends it back to be sanitized again, or escalates it with a
/// reason for a supervisor. Only accepted records count toward the lot. Reads and writes one record.
/// </summary>
public static class ValidateSanitization
{
    [AllowedRoles(Roles.RefurbisherTechnician, Roles.OrganizationAdmin)]
    public sealed record Command(Guid LotId, Guid RecordId, ValidationDecision Decision, string? Reason, PersonOfRecord Validator) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Decision).IsInEnum();
            RuleFor(c => c.Reason).NotEmpty().When(c => c.Decision != ValidationDecision.Accept)
                .WithMessage("Give the reason for a repeat or an escalation.").MaximumLength(500);
            RuleFor(c => c.Validator).NotNull().SetValidator(new PersonValidator("validates"));
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var fulfillment = await db.FulfillmentsBoughtBy(user).AsNoTracking().SingleOrDefaultAsync(f => f.LotId == command.LotId, cancellationToken)
                              ?? throw new NotFoundException("Lot");
            if (!fulfillment.AcceptsSanitization)
            {
                throw new DomainException("This lot is not in sanitization.");
            }

            var record = await db.SanitizationRecords.SingleOrDefaultAsync(r => r.Id == command.RecordId && r.LotId == fulfillment.LotId, cancellationToken)
                         ?? throw new NotFoundException("Sanitization record");
            if (record.Validate(command.Decision, command.Validator, user.UserId, command.Reason, clock.Now))
            {
                await SanitizationProgress.MoveAsync(db, outbox, fulfillment.Id, accepted: 1, cancellationToken: cancellationToken);
            }

            return Unit.Value;
        }
    }
}
