namespace Marketplace.Web.Domain.People;

/// <summary>Where an invitation stands, as the person holding its link and the organization's admins see it.</summary>
public enum InvitationState { Waiting, Expired, Revoked, Accepted }

/// <summary>
/// An organization admin's invitation for one e-mail address to join the organization with the duties chosen. Its link
/// carries a random token that only the delivered e-mail holds: the database keeps the token's SHA-256 hash, made when
/// the e-mail is sent (<see cref="Issue"/>), so neither a copy of the database nor the e-mail log can open it. The link
/// works once and expires; sending it again makes a new link and the previous one stops working.
/// </summary>
public sealed class Invitation : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }

    /// <summary>The address as the admin typed it (trimmed).</summary>
    public required string Email { get; init; }

    /// <summary>The address as Identity normalizes it, to find an earlier invitation of the same person.</summary>
    public required string NormalizedEmail { get; init; }

    /// <summary>The Identity roles (duties, and organization admin) the new account gets.</summary>
    public required string[] Duties { get; init; }

    public Guid InvitedById { get; init; }
    public required string InvitedByName { get; init; }
    public required string InvitedByEmail { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Until the first e-mail leaves, the date the link will expire if sent now; then the current link's expiry.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>Hex SHA-256 of the current link's token; null until the first e-mail is sent.</summary>
    public string? TokenHash { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }
    public int TimesSent { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public Guid? AcceptedUserId { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedByName { get; private set; }
    public int Version { get; set; }

    public static Invitation Create(Guid organizationId, string email, string normalizedEmail, IReadOnlyCollection<string> duties,
        Guid invitedById, string invitedByName, string invitedByEmail, DateTimeOffset now, TimeSpan lifetime) => new()
    {
        OrganizationId = organizationId,
        Email = email,
        NormalizedEmail = normalizedEmail,
        Duties = [.. duties.Distinct(StringComparer.Ordinal)],
        InvitedById = invitedById,
        InvitedByName = invitedByName,
        InvitedByEmail = invitedByEmail,
        CreatedAt = now,
        ExpiresAt = now + lifetime,
    };

    public InvitationState StateAt(DateTimeOffset now) =>
        AcceptedAt is not null ? InvitationState.Accepted
        : RevokedAt is not null ? InvitationState.Revoked
        : now >= ExpiresAt ? InvitationState.Expired
        : InvitationState.Waiting;

    /// <summary>An invitation that is neither accepted nor revoked may be sent (again), expired or not.</summary>
    public bool CanBeSent => AcceptedAt is null && RevokedAt is null;

    /// <summary>A new link: the token's hash replaces the previous one, whose link stops working, and the expiry starts again.</summary>
    public void Issue(string tokenHash, DateTimeOffset now, TimeSpan lifetime)
    {
        if (!CanBeSent)
        {
            throw new DomainException(AcceptedAt is not null ? "This invitation was already accepted." : "This invitation was revoked; invite the person again.");
        }

        TokenHash = tokenHash;
        SentAt = now;
        TimesSent++;
        ExpiresAt = now + lifetime;
    }

    public void Accept(Guid userId, DateTimeOffset now)
    {
        if (StateAt(now) is var state and not InvitationState.Waiting)
        {
            throw new DomainException(Why(state));
        }

        AcceptedAt = now;
        AcceptedUserId = userId;
    }

    public void Revoke(string byName, DateTimeOffset now)
    {
        if (AcceptedAt is not null)
        {
            throw new DomainException($"{Email} already accepted this invitation: deactivate the account instead.");
        }

        if (RevokedAt is not null)
        {
            throw new DomainException($"The invitation of {Email} was already revoked.");
        }

        RevokedAt = now;
        RevokedByName = byName;
    }

    /// <summary>Why a link in this state no longer opens, in the words the invitation page uses.</summary>
    public string Why(InvitationState state) => state switch
    {
        InvitationState.Expired => $"This invitation expired on {ExpiresAt:MMMM d, yyyy}.",
        InvitationState.Revoked => $"This invitation was revoked on {RevokedAt:MMMM d, yyyy}.",
        InvitationState.Accepted => "This invitation was already used: its link works once.",
        _ => "This invitation is waiting to be accepted.",
    };
}
