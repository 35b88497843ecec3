using Marketplace.Web.Jobs;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Account;

/// <summary>
/// "Forgot your password?": queues a reset e-mail for the address if an active account uses it, and does nothing otherwise;
/// the page answers the same either way, so it cannot be used to find out which addresses have accounts. The link itself is
/// made by the job that sends the e-mail (<see cref="SendPasswordReset"/>), never stored.
/// </summary>
public static class RequestPasswordReset
{
    [AllowedRoles(Anonymous = true)]
    public sealed record Command(string Email) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Email).NotEmpty().WithMessage("Enter your e-mail address.")
            .MaximumLength(256).EmailAddress().WithMessage("Enter a valid e-mail address.");
    }

    public sealed class Handler(UserManager<AppUser> users, Outbox outbox, PasswordResetLimit limit) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByEmailAsync(command.Email.Trim());
            if (user is { IsActive: true } && limit.TryTake(user.NormalizedEmail ?? user.Id.ToString()))
            {
                outbox.Enqueue(new SendPasswordReset.Command(user.Id));
            }

            return Unit.Value;
        }
    }
}
