namespace Marketplace.Web.Jobs;

/// <summary>
/// Follow-up work saved in the same transaction as the command that caused it. Done only when the
/// command it carries commits; until then the dispatcher hands it to Hangfire again after its lease.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxAttempts = 8;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Type { get; init; }
    public required string Payload { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// When the row may next run: the time it was scheduled for (close an auction at 14:00), then after
    /// each failure the end of its backoff. Kept apart from the lease so releasing leases keeps backoffs.
    /// </summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Until when the run holding <see cref="LeaseOwner"/> has the row; renewed while that run is alive.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>
    /// The claim token of the run that holds the row ("machine:process/claim id"), unique per claim: only
    /// that run renews the lease or records a failure. On a completed row, the run that completed it.
    /// </summary>
    public string? LeaseOwner { get; set; }

    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Set when <see cref="MaxAttempts"/> failed; an admin can retry it from the outbox page.</summary>
    public DateTimeOffset? DeadAt { get; set; }
}
