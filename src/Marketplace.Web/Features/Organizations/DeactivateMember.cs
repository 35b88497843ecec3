using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// An organization admin deactivates a member: the member's open sessions end at their next request (the security stamp
/// changes, and the session check also reads the deactivation) and they cannot sign in. The organization keeps at least one
/// active admin, so its last admin cannot deactivate themselves.
/// </summary>
public static class DeactivateMember
{
    [AllowedRoles(Roles.OrganizationAdmin)]
    public sealed record Command(Guid UserId, string? Reason) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).MaximumLength(500).WithMessage("Keep the reason under 500 characters.");
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, UserManager<AppUser> users, IClock clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var member = await db.PeopleOf(user).SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken) ?? throw new NotFoundException("That person");
            if (member.IsActive && await users.IsInRoleAsync(member, Roles.OrganizationAdmin)
                && await db.OtherActiveAdminsAsync(member.OrganizationId, member.Id, cancellationToken) == 0)
            {
                throw new DomainException(member.Id == user.UserId
                    ? "You are the organization's last active admin, so you cannot deactivate your own account: make someone else an organization admin first."
                    : $"{member.DisplayName} is the organization's last active admin: make someone else an organization admin first.");
            }

            member.Deactivate(clock.Now, user.Name, command.Reason);
            EndSessions(await users.UpdateSecurityStampAsync(member));
            return Unit.Value;
        }
    }

    /// <summary>A new security stamp: every cookie made with the old one is refused at its next request.</summary>
    internal static void EndSessions(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
