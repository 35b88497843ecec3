namespace Marketplace.Web.Domain.Fulfillment;

public enum QualityCheckResult { Pending, Passed, Failed }

/// <summary>
/// R2v3 quality control: an independent re-verification of a random sample of a lot's sanitized media by someone
/// other than the person who sanitized them. One row per sampled medium; the sample is stored, so it can be shown
/// and never silently redrawn.
/// </summary>
public sealed class QualityCheck : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LotId { get; init; }
    public Guid RecordId { get; init; }
    public DateTimeOffset DrawnAt { get; init; }
    public QualityCheckResult Result { get; private set; }
    public PersonOfRecord? Checker { get; private set; }
    public Guid? CheckedByUserId { get; private set; }
    public DateTimeOffset? CheckedAt { get; private set; }
    public string? Notes { get; private set; }
    public int Version { get; set; }

    /// <summary>The sample size: the rate of the media (rounded up), never below the minimum (itself at least 1) nor above the media.</summary>
    public static int SampleSize(int media, decimal rate, int minimum) =>
        media <= 0 ? 0 : Math.Min(media, Math.Max(Math.Max(1, minimum), (int)Math.Ceiling(media * rate)));

    /// <summary>
    /// Draws the sample from every medium of the lot: a partial Fisher–Yates shuffle, so each medium has the same chance
    /// and nobody is excluded by construction. <paramref name="nextIndex"/> returns an integer in [0, n) — the app passes
    /// a cryptographic generator, tests a seeded one.
    /// </summary>
    public static IReadOnlyList<QualityCheck> Draw(Guid lotId, IReadOnlyList<Guid> recordIds, int size, Func<int, int> nextIndex, DateTimeOffset now)
    {
        var pool = recordIds.ToArray();
        var take = Math.Min(size, pool.Length);
        for (var i = 0; i < take; i++)
        {
            var j = i + nextIndex(pool.Length - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        return pool.Take(take).Select(id => new QualityCheck { LotId = lotId, RecordId = id, DrawnAt = now }).ToList();
    }

    /// <summary>Records the re-check. The checker must not be the person who sanitized the medium.</summary>
    public void Record(bool passed, PersonOfRecord checker, Guid userId, SanitizationRecord medium, string? notes, DateTimeOffset now)
    {
        if (Result != QualityCheckResult.Pending)
        {
            throw new DomainException("This quality-control check is already recorded; a failed medium is checked again after its repeat is accepted.");
        }

        if (!medium.IsAccepted)
        {
            throw new DomainException($"Medium {medium.MediumSerial} is not accepted yet; re-check it after its validation.");
        }

        if (userId == medium.RecordedByUserId || checker.IsSamePersonAs(medium.Performer))
        {
            throw new DomainException($"{checker.Name.Trim()} sanitized medium {medium.MediumSerial}; the quality-control re-check must be done by someone else.");
        }

        Result = passed ? QualityCheckResult.Passed : QualityCheckResult.Failed;
        Checker = checker.Trimmed();
        CheckedByUserId = userId;
        CheckedAt = now;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        if (!passed)
        {
            medium.FailQualityCheck($"Failed quality-control re-check by {Checker.Name}" + (Notes is null ? "" : $": {Notes}"));
        }
    }

    /// <summary>After a failed medium is sanitized again, its check waits for a new re-check.</summary>
    public void Reopen()
    {
        Result = QualityCheckResult.Pending;
        Checker = null;
        CheckedByUserId = null;
        CheckedAt = null;
    }
}
