using Marketplace.Web.Domain.People;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Account;

/// <summary>The signed-in person's two-factor sign-in: on or off, whether their duties require it, recovery codes left.</summary>
public static class GetTwoFactorStatus
{
    [AllowedRoles(Roles.AnyMember)]
    public sealed record Query : IQuery<Result>;

    /// <param name="RequiredBy">The duties that require it (empty when it is optional).</param>
    public sealed record Result(string Email, bool Enabled, IReadOnlyList<string> RequiredBy, int RecoveryCodesLeft)
    {
        public bool Required => RequiredBy.Count > 0;
    }

    public sealed class Handler(UserManager<AppUser> users, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var account = await users.FindByIdAsync(user.UserId.ToString()) ?? throw new NotFoundException("Your account");
            var roles = await users.GetRolesAsync(account);
            var enabled = await users.GetTwoFactorEnabledAsync(account);
            return new Result(account.Email ?? "", enabled, [.. DutyGrants.InOrder(roles.Where(r => Roles.RequireTwoFactor.Contains(r)))],
                enabled ? await users.CountRecoveryCodesAsync(account) : 0);
        }
    }
}
