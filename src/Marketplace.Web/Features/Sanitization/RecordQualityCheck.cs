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
/// R2v3 quality control: someone other than the person who sanitized a sampled medium re-verifies it. A pass counts
/// toward the certificate; a fail sends the medium back to "repeat" (and out of the accepted count) until it is
/// sanitized, validated and re-checked again.
/// </summary>
public static class RecordQualityCheck
{
    [AllowedRoles(Roles.RefurbisherTechnician, Roles.OrganizationAdmin)]
    public sealed record Command(Guid LotId, Guid CheckId, bool Passed, string? Notes, PersonOfRecord Checker) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Notes).NotEmpty().When(c => !c.Passed).WithMessage("Say what the re-check found.").MaximumLength(500);
            RuleFor(c => c.Checker).NotNull().SetValidator(new PersonValidator("re-checked the medium"));
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

            var check = await db.QualityChecks.SingleOrDefaultAsync(c => c.Id == command.CheckId && c.LotId == fulfillment.LotId, cancellationToken)
                        ?? throw new NotFoundException("Quality check");
            var medium = await db.SanitizationRecords.SingleAsync(r => r.Id == check.RecordId, cancellationToken);
            check.Record(command.Passed, command.Checker, user.UserId, medium, command.Notes, clock.Now);
            if (command.Passed)
            {
                await SanitizationProgress.MoveAsync(db, outbox, fulfillment.Id, passed: 1, cancellationToken: cancellationToken);
            }
            else
            {
                await SanitizationProgress.MoveAsync(db, outbox, fulfillment.Id, accepted: -1, cancellationToken: cancellationToken);
            }

            return Unit.Value;
        }
    }
}
