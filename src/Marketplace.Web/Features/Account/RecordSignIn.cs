using Marketplace.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Account;

public enum SessionEvent { SignedIn, SignInFailed, SignInBlocked, SignedOut }

/// <summary>
/// Sign-ins, failed sign-ins and sign-outs in the audit trail, with the client address. A failed sign-in records the
/// address typed (cut short) and never the password; when the address is an account's, the record goes to that
/// account's organization, whose admins then see attempts on their people.
/// </summary>
public static class RecordSignIn
{
    public const string SignIn = "Account.SignIn", SignInFailed = "Account.SignInFailed", SignOut = "Account.SignOut";

    private const int EmailShown = 100;

    // Sent by the sign-in page after it checked the password, never bound from a request: anyone may fail to sign in.
    [AllowedRoles(Anonymous = true)]
    public sealed record Command(SessionEvent Event, string Email) : ICommand;

    public sealed class Handler(MarketplaceDb db, AuditTrail trail, ILookupNormalizer normalizer) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var email = command.Email.Trim();
            var name = normalizer.NormalizeName(email);
            var account = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == name)
                .Select(u => new { u.Id, u.DisplayName, u.OrganizationId, u.Email }).SingleOrDefaultAsync(cancellationToken);
            var user = account is null ? null : new Actor(account.Id, account.DisplayName, account.OrganizationId);
            var record = command.Event switch
            {
                SessionEvent.SignedIn => trail.NewRecord(SignIn, AuditOperation.Session, "User", account?.Id.ToString(), account?.Email, actor: user),
                SessionEvent.SignedOut => trail.NewRecord(SignOut, AuditOperation.Session, "User", account?.Id.ToString(), account?.Email),
                _ => trail.NewRecord(SignInFailed, AuditOperation.Session, account is null ? null : "User", account?.Id.ToString(), account?.Email,
                    actor: new Actor(null, "anonymous", account?.OrganizationId),
                    changes:
                    [
                        new AuditChange("Email", null, email.Truncate(EmailShown)),
                        new AuditChange("Reason", null, command.Event == SessionEvent.SignInBlocked ? "too many failed sign-ins" : "wrong e-mail or password"),
                    ]),
            };
            trail.Add(db, record);
            return Unit.Value;
        }
    }
}
