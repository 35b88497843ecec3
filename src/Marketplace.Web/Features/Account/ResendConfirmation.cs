using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Jobs;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Account;

/// <summary>
/// "Send the link again": a new confirmation e-mail to an account still waiting for it. Whatever the address, the page
/// gives the same answer, so it never tells which addresses have accounts.
/// </summary>
public static class ResendConfirmation
{
    [AllowedRoles(Anonymous = true)]
    public sealed record Command(string Email) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Email).NotEmpty().WithMessage("E-mail: enter the address you signed up with.")
                .MaximumLength(256).WithMessage("E-mail: at most 256 characters.")
                .EmailAddress().WithMessage("E-mail: enter a valid e-mail address.");
    }

    public sealed class Handler(MarketplaceDb db, UserManager<AppUser> users, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var normalized = users.NormalizeEmail(command.Email.Trim());
            var waiting = await db.Users.AsNoTracking()
                .Where(u => u.NormalizedEmail == normalized && !u.EmailConfirmed)
                .Select(u => new { u.Id, u.DisplayName })
                .FirstOrDefaultAsync(cancellationToken);
            if (waiting is not null)
            {
                outbox.EmailAccount(waiting.Id, "Confirm your e-mail address",
                    $"Hello {waiting.DisplayName},\n\nHere is a new link to confirm your e-mail address on the K-12 Device Marketplace (it works for 24 hours):\n\n{SendAccountEmail.LinkPlaceholder}\n\nLinks sent earlier still work until they expire. If you did not ask for this, ignore it.",
                    AccountLink.ConfirmEmail, SignUp.ConfirmPath);
            }

            return Unit.Value;
        }
    }
}
