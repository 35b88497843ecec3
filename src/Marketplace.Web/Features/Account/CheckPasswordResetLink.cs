using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Account;

/// <summary>Whether a reset link still works, so its page can say so before a new password is typed.</summary>
public static class CheckPasswordResetLink
{
    [AllowedRoles(Anonymous = true)]
    public sealed record Query(Guid? UserId, string? Token) : IQuery<Result>;

    /// <param name="Email">The account's address, shown to whoever holds a working link (it was sent there).</param>
    public sealed record Result(bool Usable, string? Email);

    public sealed class Handler(UserManager<AppUser> users) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            if (query.UserId is not { } id || string.IsNullOrEmpty(query.Token) || query.Token.Length > 2000
                || await users.FindByIdAsync(id.ToString()) is not { IsActive: true } user)
            {
                return new Result(false, null);
            }

            var usable = await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, query.Token);
            return new Result(usable, usable ? user.Email : null);
        }
    }
}
