using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Account;

/// <summary>
/// A new password from a reset link. Identity checks the token and the password rules; changing the password changes the
/// security stamp, which makes the link useless a second time and ends the account's other sessions on their next request.
/// </summary>
public static class ResetPassword
{
    public const string LinkClosed = "This link has expired or was already used. Ask for a new one: \"Forgot your password?\" on the sign-in page.";

    [AllowedRoles(Anonymous = true)]
    public sealed record Command(Guid UserId, string Token, string Password, string ConfirmPassword) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Token).NotEmpty().WithMessage(LinkClosed).MaximumLength(2000).WithMessage(LinkClosed);
            RuleFor(c => c.Password).NotEmpty().WithMessage("Choose a new password.").MaximumLength(256);
            RuleFor(c => c.ConfirmPassword).Equal(c => c.Password).WithMessage("The two passwords differ: type the same new password twice.");
        }
    }

    public sealed class Handler(UserManager<AppUser> users) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await users.FindByIdAsync(command.UserId.ToString()) is not { IsActive: true } user)
            {
                throw new DomainException(LinkClosed);
            }

            var result = await users.ResetPasswordAsync(user, command.Token, command.Password);
            if (!result.Succeeded)
            {
                throw new DomainException(result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                    ? LinkClosed
                    : string.Join(" ", result.Errors.Select(e => e.Description)));
            }

            return Unit.Value;
        }
    }
}
