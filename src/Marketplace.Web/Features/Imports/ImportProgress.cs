using System.Collections.Concurrent;

namespace Marketplace.Web.Features.Imports;

public sealed record ProgressSnapshot(string Phase, int Done, int Total)
{
    public int Percent => Total <= 0 ? 0 : (int)Math.Min(100, Done * 100L / Total);
}

/// <summary>
/// Live progress of running imports, and the rows a check accepted, kept briefly so the import that
/// usually follows within minutes need not read the file again. The import writes inside one transaction, so its progress cannot
/// be read from the database until it commits; the job reports here and the progress bar polls it.
/// </summary>
public sealed class ImportProgress
{
    private static readonly TimeSpan KeepChecked = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<Guid, ProgressSnapshot> _jobs = new();
    private readonly ConcurrentDictionary<Guid, (string Mapping, IReadOnlyList<DeviceDraft> Drafts, DateTime At)> _checked = new();

    public void Report(Guid jobId, string phase, int done, int total) => _jobs[jobId] = new ProgressSnapshot(phase, done, total);

    public ProgressSnapshot? Get(Guid jobId) => _jobs.GetValueOrDefault(jobId);

    public void Clear(Guid jobId) => _jobs.TryRemove(jobId, out _);

    public void Checked(Guid jobId, string mapping, IReadOnlyList<DeviceDraft> drafts)
    {
        Clear(jobId);
        foreach (var stale in _checked.Where(c => DateTime.UtcNow - c.Value.At > KeepChecked))
        {
            _checked.TryRemove(stale.Key, out _);
        }

        _checked[jobId] = (mapping, drafts, DateTime.UtcNow);
    }

    /// <summary>The accepted rows of the job's last check with this mapping, removed from the cache.</summary>
    public IReadOnlyList<DeviceDraft>? TakeChecked(Guid jobId, string mapping) =>
        _checked.TryRemove(jobId, out var entry) && entry.Mapping == mapping && DateTime.UtcNow - entry.At <= KeepChecked ? entry.Drafts : null;
}
