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

    /// <summary>Scheduled work (close an auction at 14:00) waits until this time.</summary>
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LeaseOwner { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Set when <see cref="MaxAttempts"/> failed; an admin can retry it from the outbox page.</summary>
    public DateTimeOffset? DeadAt { get; set; }
}
