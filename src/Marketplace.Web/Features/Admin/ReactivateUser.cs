using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Admin;

/// <summary>A platform admin reactivates an account, whoever deactivated it.</summary>
public static class ReactivateUser
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid UserId) : ICommand;

    public sealed class Handler(UserManager<AppUser> users) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = await users.FindByIdAsync(command.UserId.ToString()) ?? throw new NotFoundException("That account");
            account.Reactivate(byPlatform: true);
            Organizations.DeactivateMember.EndSessions(await users.UpdateAsync(account));
            return Unit.Value;
        }
    }
}
