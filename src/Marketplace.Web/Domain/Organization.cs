using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Web.Domain;

public enum OrganizationKind { District, Refurbisher, School, Platform }

/// <summary>
/// Where an organization stands with the platform: it applies (pending review), a platform admin verifies or rejects
/// the application, and may later suspend a verified organization and reinstate it. What each standing allows is
/// <see cref="OrganizationRights"/>.
/// </summary>
public enum OrganizationStatus { Applied, Verified, Rejected, Suspended }

/// <summary>What someone signing an organization up says about it.</summary>
public sealed record OrganizationApplication(
    OrganizationKind Kind, string LegalName, string Street, string City, string State, string PostalCode, string Phone,
    string Ein, string? NcesId, bool PrivateSchool);

public sealed class Organization : IVersioned
{
    public const int MaxReasonLength = 1000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The legal name, as on its W-9.</summary>
    public required string Name { get; set; }

    public OrganizationKind Kind { get; init; }
    public string? Street { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
    public string? Phone { get; set; }

    /// <summary>Employer identification number, "NN-NNNNNNN".</summary>
    public string? Ein { get; set; }

    /// <summary>The NCES ID of a public district (7 digits) or public school (12); none for refurbishers and private schools.</summary>
    public string? NcesId { get; set; }

    /// <summary>A school that said it is private and has no NCES ID.</summary>
    public bool IsPrivateSchool { get; set; }

    public OrganizationStatus Status { get; private set; } = OrganizationStatus.Applied;

    /// <summary>Why the last decision was taken (rejection, suspension, reinstatement); none for a plain verification.</summary>
    public string? StatusReason { get; private set; }

    public DateTimeOffset? AppliedAt { get; private set; }
    public DateTimeOffset? StatusChangedAt { get; private set; }

    /// <summary>The platform admin who took the last decision.</summary>
    public string? StatusChangedBy { get; private set; }

    /// <summary>
    /// A school's rule: storefront orders above this total need an approver's yes before they are invoiced.
    /// Null: no approval step.
    /// </summary>
    public decimal? OrderApprovalLimit { get; private set; }

    public void SetOrderApprovalLimit(decimal? limit)
    {
        if (Kind != OrganizationKind.School && limit is not null)
        {
            throw new DomainException("Only schools set an order approval limit.");
        }

        if (limit is < 0)
        {
            throw new DomainException("The approval limit cannot be negative.");
        }

        OrderApprovalLimit = limit;
    }

    /// <summary>
    /// Days a buyer has to pay an invoice (net terms): net 30 unless finance or an admin agreed other terms with it.
    /// An invoice copies the days in force when it is issued, so a later change moves no existing due date.
    /// </summary>
    public int NetTermsDays { get; private set; } = Finance.Invoice.DefaultNetTermsDays;

    public const int MaxNetTermsDays = 120;

    public void SetNetTerms(int days)
    {
        if (Kind == OrganizationKind.Platform)
        {
            throw new DomainException("The platform does not buy: it has no payment terms.");
        }

        if (days is < 0 or > MaxNetTermsDays)
        {
            throw new DomainException($"Net terms must be between 0 (due on receipt) and {MaxNetTermsDays} days.");
        }

        NetTermsDays = days;
    }

    /// <summary>Whether an order of this total, placed by someone who is not an approver, waits for one.</summary>
    public bool OrderNeedsApproval(decimal total) => Kind == OrganizationKind.School && OrderApprovalLimit is { } limit && total > limit;

    /// <summary>Stripe Connect account for payouts; payouts are recorded for finance to send when absent.</summary>
    public string? StripeAccountId { get; set; }

    /// <summary>The connected account's standing as Stripe last reported it (<c>account.updated</c> or a retrieve); null: never reported.</summary>
    public DateTimeOffset? StripeAccountCheckedAt { get; private set; }

    public bool StripeChargesEnabled { get; private set; }

    public bool StripePayoutsEnabled { get; private set; }

    /// <summary>Stripe's requirements.currently_due, comma-separated (what the organization must still provide).</summary>
    public string? StripeRequirementsDue { get; private set; }

    /// <summary>Why Stripe last failed to pay out the connected account's balance to its bank; cleared by a payout that arrives.</summary>
    public string? StripePayoutFailure { get; private set; }

    public const int StripeRequirementsLength = 1000;

    public void ApplyStripeAccountStatus(bool chargesEnabled, bool payoutsEnabled, IEnumerable<string> currentlyDue, DateTimeOffset at)
    {
        StripeChargesEnabled = chargesEnabled;
        StripePayoutsEnabled = payoutsEnabled;
        var due = string.Join(", ", currentlyDue);
        StripeRequirementsDue = due.Length == 0 ? null : due.Length <= StripeRequirementsLength ? due : due[..StripeRequirementsLength];
        StripeAccountCheckedAt = at;
    }

    public void RecordStripePayout(string? failure) =>
        StripePayoutFailure = failure is null ? null : failure.Length <= MaxReasonLength ? failure : failure[..MaxReasonLength];

    /// <summary>Why a Stripe transfer to this organization cannot be made now, or null when it can.</summary>
    public string? StripeTransferBlockedBecause() =>
        StripeAccountId is null ? "no Stripe connected account"
        : StripeAccountCheckedAt is null ? "Stripe has not reported the connected account's status yet"
        : StripePayoutsEnabled ? null
        : StripeRequirementsDue is { } due ? $"payouts are not enabled on the Stripe connected account; Stripe still needs: {due}"
        : "payouts are not enabled on the Stripe connected account";

    public int Version { get; set; }

    public bool IsVerified => Status == OrganizationStatus.Verified;

    /// <summary>
    /// A new organization from a sign-up, pending review. The identifiers are stored in one spelling; a public district
    /// or school gives the NCES ID of its state, a private school may say it has none, a refurbisher has none.
    /// </summary>
    public static Organization Apply(OrganizationApplication application, DateTimeOffset now)
    {
        var kind = application.Kind;
        Require(kind is OrganizationKind.District or OrganizationKind.School or OrganizationKind.Refurbisher,
            "Organization kind: choose a district, a school or a refurbisher.");
        var name = application.LegalName?.Trim() ?? "";
        Require(name.Length is > 0 and <= 200, "Legal name: enter the organization's legal name (at most 200 characters).");
        var state = PublicIdentifiers.NormalizeState(application.State);
        Require(state is not null, "State: enter the two-letter postal code of a US state, such as WA.");
        var zip = PublicIdentifiers.NormalizeZip(application.PostalCode);
        Require(zip is not null, "ZIP code: enter 5 digits, or ZIP+4 as 98038-1234.");
        var phone = PublicIdentifiers.NormalizePhone(application.Phone);
        Require(phone is not null, "Contact phone: enter a 10-digit US phone number, such as 425-555-0100.");
        var ein = PublicIdentifiers.NormalizeEin(application.Ein);
        Require(ein is not null, "EIN: enter the 9-digit employer identification number as NN-NNNNNNN.");
        var street = application.Street?.Trim() ?? "";
        Require(street.Length is > 0 and <= 200, "Street address: enter the street address (at most 200 characters).");
        var city = application.City?.Trim() ?? "";
        Require(city.Length is > 0 and <= 100, "City: enter the city (at most 100 characters).");

        string? nces = null;
        var privateSchool = kind == OrganizationKind.School && application.PrivateSchool;
        if (kind is OrganizationKind.District || (kind is OrganizationKind.School && !privateSchool))
        {
            var length = PublicIdentifiers.NcesIdLength(kind);
            nces = PublicIdentifiers.NormalizeNcesId(application.NcesId, kind);
            Require(nces is not null, kind == OrganizationKind.District
                ? $"NCES ID: enter the district's {length}-digit NCES ID."
                : $"NCES ID: enter the school's {length}-digit NCES ID, or say it is a private school without one.");
            Require(PublicIdentifiers.NcesIdIsInState(nces!, state!),
                $"NCES ID: {nces} is not an ID of {state}; NCES IDs in {state} start with {PublicIdentifiers.StateFips[state!]}.");
        }

        return new Organization
        {
            Name = name,
            Kind = kind,
            Street = street,
            City = city,
            State = state,
            PostalCode = zip,
            Phone = phone,
            Ein = ein,
            NcesId = nces,
            IsPrivateSchool = privateSchool,
            AppliedAt = now,
        };
    }

    /// <summary>
    /// A platform admin accepts the application (or reconsiders a rejected one) once the documents the organization's
    /// kind must hold are approved and current.
    /// </summary>
    public void Verify(IEnumerable<OrganizationDocument> documents, DateOnly today, string by, DateTimeOffset now)
    {
        Require(Status is OrganizationStatus.Applied or OrganizationStatus.Rejected,
            $"Only an application can be verified; this organization is {Status.Words().ToLowerInvariant()}.");
        var held = documents.Where(d => d.OrganizationId == Id && d.IsCurrent(today)).Select(d => d.Kind).ToHashSet();
        var missing = OrganizationRights.RequiredFor(Kind).Where(k => !held.Contains(k)).ToList();
        Require(missing.Count == 0,
            $"Approve the organization's {string.Join(" and ", missing.Select(k => k.InSentence()))} before verifying it: {Kind.Words().ToLowerInvariant()}s must hold one that is current.");
        Decide(OrganizationStatus.Verified, null, by, now);
    }

    public void Reject(string reason, string by, DateTimeOffset now)
    {
        Require(Status == OrganizationStatus.Applied, $"Only an application pending review can be rejected; this organization is {Status.Words().ToLowerInvariant()}.");
        Decide(OrganizationStatus.Rejected, Reason(reason, "rejecting the application"), by, now);
    }

    public void Suspend(string reason, string by, DateTimeOffset now)
    {
        Require(Status == OrganizationStatus.Verified, $"Only a verified organization can be suspended; this one is {Status.Words().ToLowerInvariant()}.");
        Decide(OrganizationStatus.Suspended, Reason(reason, "suspending the organization"), by, now);
    }

    public void Reinstate(string reason, string by, DateTimeOffset now)
    {
        Require(Status == OrganizationStatus.Suspended, $"Only a suspended organization can be reinstated; this one is {Status.Words().ToLowerInvariant()}.");
        Decide(OrganizationStatus.Verified, Reason(reason, "reinstating the organization"), by, now);
    }

    /// <summary>A platform's own organization (the operator) is verified by definition: it holds no documents.</summary>
    public static Organization Platform(string name, DateTimeOffset now)
    {
        var platform = new Organization { Name = name, Kind = OrganizationKind.Platform, AppliedAt = now };
        platform.Decide(OrganizationStatus.Verified, null, "the platform", now);
        return platform;
    }

    private void Decide(OrganizationStatus status, string? reason, string by, DateTimeOffset now)
    {
        Status = status;
        StatusReason = reason;
        StatusChangedAt = now;
        StatusChangedBy = by;
    }

    private static string Reason(string? reason, string decision)
    {
        var trimmed = reason?.Trim() ?? "";
        Require(trimmed.Length > 0, $"Reason: say why you are {decision}; the organization's admins read it.");
        Require(trimmed.Length <= MaxReasonLength, $"Reason: at most {MaxReasonLength} characters.");
        return trimmed;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new DomainException(message);
        }
    }
}
