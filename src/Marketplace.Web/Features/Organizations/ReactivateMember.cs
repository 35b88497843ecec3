using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Organizations;

/// <summary>Lets a deactivated member sign in again, with the duties they had (unless the marketplace's staff deactivated them).</summary>
public static class ReactivateMember
{
    [AllowedRoles(Roles.OrganizationAdmin)]
    public sealed record Command(Guid UserId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, UserManager<AppUser> users) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var member = await db.PeopleOf(user).SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken) ?? throw new NotFoundException("That person");
            member.Reactivate();
            DeactivateMember.EndSessions(await users.UpdateAsync(member));
            return Unit.Value;
        }
    }
}
