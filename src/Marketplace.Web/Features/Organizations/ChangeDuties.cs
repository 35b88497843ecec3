using Marketplace.Web.Domain.People;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// Sets a member's duties to those chosen. They take effect on the member's next request: Identity changes the user's
/// concurrency stamp with their roles, and the session check then gives the member a fresh cookie. The organization
/// keeps at least one active admin.
/// </summary>
public static class ChangeDuties
{
    [AllowedRoles(Roles.OrganizationAdmin)]
    public sealed record Command(Guid UserId, IReadOnlyList<string> Duties) : ICommand<bool>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Duties).NotEmpty().WithMessage("Choose at least one duty; to take every duty away, deactivate the account.");
            RuleForEach(c => c.Duties).Must(d => Roles.All.Contains(d)).WithMessage((_, d) => $"\"{Infrastructure.Web.Refusal.Shown(d)}\" is not a duty.");
        }
    }

    /// <returns>Whether anything changed.</returns>
    public sealed class Handler(MarketplaceDb db, ICurrentUser user, UserManager<AppUser> users) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var member = await db.PeopleOf(user).SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken) ?? throw new NotFoundException("That person");
            var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == member.OrganizationId, cancellationToken);
            var wanted = command.Duties.Distinct().ToList();
            if (DutyGrants.Refusal(organization.Kind, wanted, user.IsInRole(Roles.Admin)) is { } refusal)
            {
                throw new DomainException(refusal);
            }

            var current = await users.GetRolesAsync(member);
            if (current.Contains(Roles.OrganizationAdmin) && !wanted.Contains(Roles.OrganizationAdmin) && member.IsActive
                && await db.OtherActiveAdminsAsync(member.OrganizationId, member.Id, cancellationToken) == 0)
            {
                throw new DomainException(member.Id == user.UserId
                    ? $"You are the last active admin of {organization.Name}: make someone else an organization admin before you give up the role."
                    : $"{member.DisplayName} is the last active admin of {organization.Name}: make someone else an organization admin first.");
            }

            var removed = current.Except(wanted).ToList();
            var added = wanted.Except(current).ToList();
            if (removed.Count > 0)
            {
                Check(await users.RemoveFromRolesAsync(member, removed));
            }

            if (added.Count > 0)
            {
                Check(await users.AddToRolesAsync(member, added));
            }

            return removed.Count + added.Count > 0;
        }

        private static void Check(IdentityResult result)
        {
            if (!result.Succeeded)
            {
                throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }
    }
}
