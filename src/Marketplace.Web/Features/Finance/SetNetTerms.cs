using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Finance;

/// <summary>
/// Finance (or an admin) agrees a buyer's net terms: invoices issued from now on fall due that many days after issue;
/// invoices already issued keep the due date they were issued with.
/// </summary>
public static class SetNetTerms
{
    [AllowedRoles(Roles.Finance, Roles.Admin)]
    public sealed record Command(Guid OrganizationId, int? NetTermsDays, string? IdempotencyKey = null) : ICommand, IIdempotentCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.NetTermsDays).NotNull().WithMessage("Enter the net terms in days (30 for net 30, 0 for due on receipt).")
            .InclusiveBetween(0, Organization.MaxNetTermsDays).WithMessage($"Net terms must be between 0 (due on receipt) and {Organization.MaxNetTermsDays} days.");
    }

    public sealed class Handler(MarketplaceDb db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == command.OrganizationId, cancellationToken) ?? throw new NotFoundException("Organization");
            organization.SetNetTerms(command.NetTermsDays!.Value);
            return Unit.Value;
        }
    }
}
