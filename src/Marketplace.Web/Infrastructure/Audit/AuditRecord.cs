namespace Marketplace.Web.Infrastructure.Audit;

/// <summary>What a record says happened to its entity.</summary>
public enum AuditOperation
{
    /// <summary>The command itself, with what was asked: it changed no row the trail records field by field (a bulk update, a repeat).</summary>
    Command,
    Added,
    Modified,
    Deleted,

    /// <summary>Many rows of one kind added, removed or changed by one command, counted in one record instead of one each.</summary>
    Summary,

    /// <summary>A sign-in, failed sign-in or sign-out.</summary>
    Session,
}

/// <summary>
/// One line of the audit trail: who (person and organization, or "system" for background jobs), when, from which
/// client address, what (the command and the entity it changed) and the changed fields before → after. Written in the
/// command's own transaction, so a change and its record commit or roll back together; never updated or deleted.
/// </summary>
public sealed class AuditRecord
{
    public const int ActorNameLength = 200, ClientAddressLength = 64, ActionLength = 100, EntityTypeLength = 100, EntityIdLength = 100, EntityLabelLength = 200;

    /// <summary>The actor name of background jobs, which act for nobody in particular.</summary>
    public const string SystemActor = "system";

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DateTimeOffset At { get; init; }

    /// <summary>The one run of a command this record belongs to: the records of one change share it.</summary>
    public Guid CommandId { get; init; }

    /// <summary>The person who acted; null for background jobs and for sign-ins that failed.</summary>
    public Guid? ActorUserId { get; init; }

    public required string ActorName { get; init; }

    /// <summary>
    /// The organization the record belongs to: the actor's (its admins see it in their trail); for a failed sign-in,
    /// the organization of the account that was tried. Null for background jobs and unknown addresses.
    /// </summary>
    public Guid? OrganizationId { get; init; }

    /// <summary>The client address as the app sees it: the browser's behind a configured proxy, else the connection's.</summary>
    public string? ClientAddress { get; init; }

    /// <summary>The command, as area and use case ("Lots.SubmitLot"), or the session event ("Account.SignIn").</summary>
    public required string Action { get; init; }

    public AuditOperation Operation { get; init; }
    public string? EntityType { get; init; }
    public string? EntityId { get; init; }

    /// <summary>How people name the entity (a serial, a lot or invoice number), so the trail can be searched by it.</summary>
    public string? EntityLabel { get; init; }

    /// <summary>The lot the entity belongs to, so the lot's district sees every record of the lot and its devices, whoever acted.</summary>
    public Guid? LotId { get; init; }

    /// <summary>The changed fields as JSON (<see cref="AuditChanges"/>): bounded in length, secrets redacted.</summary>
    public string? Changes { get; init; }
}
