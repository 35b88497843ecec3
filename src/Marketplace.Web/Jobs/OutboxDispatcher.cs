using Hangfire;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Jobs;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed row belongs to one dispatcher before another may hand it out again.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public int BatchSize { get; set; } = 50;
}

/// <summary>
/// Turns due outbox rows into Hangfire jobs. Several instances may run it: each claims a row with a
/// conditional update of its lease, so no row is handed out by two at once.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IBackgroundJobClient jobs,
    IClock clock,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    JobStorageMode storageMode,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}".Truncate(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (storageMode.IsVolatile)
        {
            await ReleaseLeasesOfLostJobsAsync(stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var dispatched = await DispatchDueAsync(stoppingToken);
                if (dispatched == options.Value.BatchSize)
                {
                    continue;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Outbox dispatch failed; retrying after the poll interval");
            }

            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims due rows and enqueues one Hangfire job per row. Returns how many were handed out.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var now = clock.Now;
        var candidates = await db.OutboxMessages
            .Where(m => m.CompletedAt == null && m.DeadAt == null && m.DueAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.DueAt)
            .Select(m => m.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);

        var leaseUntil = now + options.Value.Lease;
        var dispatched = 0;
        foreach (var id in candidates)
        {
            var claimed = await db.OutboxMessages
                .Where(m => m.Id == id && m.CompletedAt == null && (m.LeaseUntil == null || m.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, leaseUntil).SetProperty(m => m.LeaseOwner, _owner), cancellationToken);
            if (claimed == 1)
            {
                jobs.Enqueue<OutboxJob>(job => job.Run(id, CancellationToken.None));
                dispatched++;
            }
        }

        return dispatched;
    }

    /// <summary>
    /// In-memory Hangfire storage forgets its queue on restart: rows handed out before the stop are
    /// handed out again now rather than after their lease.
    /// </summary>
    private async Task ReleaseLeasesOfLostJobsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var released = await db.OutboxMessages
            .Where(m => m.CompletedAt == null && m.LeaseUntil != null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null).SetProperty(m => m.LeaseOwner, (string?)null), cancellationToken);
        if (released > 0)
        {
            logger.LogInformation("Re-dispatching {Count} outbox messages whose jobs were lost with the previous process", released);
        }
    }
}

/// <summary>Which Hangfire storage this process uses; in-memory storage loses its queue on restart.</summary>
public sealed record JobStorageMode(bool IsVolatile);
