using System.Security.Cryptography;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// A district, school or refurbisher applies: the organization is created pending review, and the person applying
/// becomes its organization admin holding every duty of its kind, once they confirm their e-mail address. An address
/// that already has an account gets the same answer on the page (so the page never tells which addresses exist), and
/// its owner an e-mail saying someone tried.
/// </summary>
public static class SignUp
{
    /// <summary>The page a confirmation link opens.</summary>
    public const string ConfirmPath = "/account/confirm-email";

    [AllowedRoles(Anonymous = true)]
    public sealed record Command(
        OrganizationKind Kind, string LegalName, string Street, string City, string State, string PostalCode, string Phone,
        string Ein, string? NcesId, bool PrivateSchool, string ApplicantName, string Email, string Password) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(UserManager<AppUser> users)
        {
            RuleFor(c => c.Kind).Must(k => k is OrganizationKind.District or OrganizationKind.School or OrganizationKind.Refurbisher)
                .WithMessage("Organization kind: choose a district, a school or a refurbisher.");
            RuleFor(c => c.LegalName).Must(v => !string.IsNullOrWhiteSpace(v) && v.Trim().Length <= 200)
                .WithMessage("Legal name: enter the organization's legal name, as on its W-9 (at most 200 characters).");
            RuleFor(c => c.Street).Must(v => !string.IsNullOrWhiteSpace(v) && v.Trim().Length <= 200)
                .WithMessage("Street address: enter the street address (at most 200 characters).");
            RuleFor(c => c.City).Must(v => !string.IsNullOrWhiteSpace(v) && v.Trim().Length <= 100)
                .WithMessage("City: enter the city (at most 100 characters).");
            RuleFor(c => c.State).Must(v => PublicIdentifiers.NormalizeState(v) is not null)
                .WithMessage("State: enter the two-letter postal code of a US state, such as WA.");
            RuleFor(c => c.PostalCode).Must(v => PublicIdentifiers.NormalizeZip(v) is not null)
                .WithMessage("ZIP code: enter 5 digits, or ZIP+4 as 98038-1234.");
            RuleFor(c => c.Phone).Must(v => PublicIdentifiers.NormalizePhone(v) is not null)
                .WithMessage("Contact phone: enter a 10-digit US phone number, such as 425-555-0100.");
            RuleFor(c => c.Ein).Must(v => PublicIdentifiers.NormalizeEin(v) is not null)
                .WithMessage("EIN: enter the 9-digit employer identification number as NN-NNNNNNN.");
            RuleFor(c => c.NcesId).Must((c, v) => PublicIdentifiers.NormalizeNcesId(v, c.Kind) is not null)
                .When(c => c.Kind == OrganizationKind.District || (c.Kind == OrganizationKind.School && !c.PrivateSchool))
                .WithMessage(c => c.Kind == OrganizationKind.District
                    ? "NCES ID: enter the district's 7-digit NCES ID (find it in the NCES Common Core of Data)."
                    : "NCES ID: enter the school's 12-digit NCES ID, or tick \"private school without an NCES ID\".");
            RuleFor(c => c.ApplicantName).Must(v => !string.IsNullOrWhiteSpace(v) && v.Trim().Length <= 200)
                .WithMessage("Your name: enter your full name (at most 200 characters).");
            RuleFor(c => c.Email).Must(v => !string.IsNullOrWhiteSpace(v) && v.Trim().Length <= 256)
                .WithMessage("E-mail: enter your work e-mail address.")
                .EmailAddress().WithMessage("E-mail: enter a valid e-mail address, such as dana@district.k12.wa.us.");
            RuleFor(c => c.Password).NotEmpty().WithMessage("Password: choose a password.")
                .CustomAsync(async (password, context, _) =>
                {
                    // Identity's own password rules (length, character kinds), with its own words.
                    var applicant = new AppUser { UserName = context.InstanceToValidate.Email, Email = context.InstanceToValidate.Email, DisplayName = "" };
                    foreach (var validator in users.PasswordValidators)
                    {
                        var result = await validator.ValidateAsync(users, applicant, password ?? "");
                        foreach (var error in result.Errors)
                        {
                            context.AddFailure(nameof(Command.Password), $"Password: {error.Description}");
                        }
                    }
                });
        }
    }

    public sealed class Handler(MarketplaceDb db, UserManager<AppUser> users, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.Now;
            var organization = Organization.Apply(new OrganizationApplication(command.Kind, command.LegalName, command.Street, command.City, command.State,
                command.PostalCode, command.Phone, command.Ein, command.NcesId, command.PrivateSchool), now);
            // Organization names are public (they are on every lot and listing); an address is not, so this is checked first.
            var upperName = organization.Name.ToUpperInvariant();
            if (await db.Organizations.AnyAsync(o => o.Name.ToUpper() == upperName, cancellationToken))
            {
                throw new DomainException($"Legal name: {organization.Name} is already registered. If you work there, ask its organization admin to invite you.");
            }

            var email = command.Email.Trim();
            var applicant = new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = email,
                NormalizedUserName = users.NormalizeName(email),
                Email = email,
                NormalizedEmail = users.NormalizeEmail(email),
                EmailConfirmed = false,
                DisplayName = command.ApplicantName.Trim(),
                OrganizationId = organization.Id,
                SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
                LockoutEnabled = true,
            };
            // Hashed whether or not the address is taken, so the answer takes as long either way.
            applicant.PasswordHash = users.PasswordHasher.HashPassword(applicant, command.Password);

            var existing = await db.Users.AsNoTracking()
                .Where(u => u.NormalizedEmail == applicant.NormalizedEmail || u.NormalizedUserName == applicant.NormalizedUserName)
                .Select(u => new { u.Id, u.EmailConfirmed })
                .FirstOrDefaultAsync(cancellationToken);
            if (existing is not null)
            {
                TellTheOwner(existing.Id, existing.EmailConfirmed, organization.Name);
                return Unit.Value;
            }

            // Created here rather than through UserManager, which saves by itself: the transaction behavior saves the
            // organization, the account, its roles and the confirmation e-mail together, or none of them.
            db.Organizations.Add(organization);
            db.Users.Add(applicant);
            var roles = new[] { Roles.OrganizationAdmin }.Concat(Roles.DutiesOf(organization.Kind)).Select(r => users.NormalizeName(r)).ToList();
            foreach (var roleId in await db.Roles.Where(r => roles.Contains(r.NormalizedName!)).Select(r => r.Id).ToListAsync(cancellationToken))
            {
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = applicant.Id, RoleId = roleId });
            }

            outbox.EmailAccount(applicant.Id, "Confirm your e-mail address",
                $"""
                 Hello {applicant.DisplayName},

                 You signed {organization.Name} up on the K-12 Device Marketplace. Confirm your e-mail address with this link (it works for 24 hours):

                 {SendAccountEmail.LinkPlaceholder}

                 Then sign in and upload your organization's documents; a platform admin reviews the application.

                 If you did not sign up, ignore this message: nothing happens without the confirmation.
                 """,
                AccountLink.ConfirmEmail, ConfirmPath);
            return Unit.Value;
        }

        private void TellTheOwner(Guid userId, bool confirmed, string organizationName)
        {
            const string subject = "Someone tried to sign up with your e-mail address";
            var intro = $"Someone tried to sign {organizationName} up on the K-12 Device Marketplace with this e-mail address, which already has an account. No new account was made.";
            if (confirmed)
            {
                outbox.EmailAccount(userId, subject,
                    $"{intro}\n\nIf it was you, sign in with your existing account. If it was not, you need do nothing; your account is unchanged.");
            }
            else
            {
                // The account waits for confirmation (an earlier sign-up whose e-mail was lost): this message brings a fresh link.
                outbox.EmailAccount(userId, subject,
                    $"{intro}\n\nYour account is waiting for its e-mail address to be confirmed. If it was you, confirm it with this link (it works for 24 hours):\n\n{SendAccountEmail.LinkPlaceholder}\n\nIf it was not, ignore this message.",
                    AccountLink.ConfirmEmail, ConfirmPath);
            }
        }
    }
}
