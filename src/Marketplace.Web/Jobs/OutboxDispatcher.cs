using Hangfire;
using Hangfire.States;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Jobs;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a claimed row belongs to one run before another may be handed it. The running job
    /// renews it every third of this, so only a dead or stuck run loses its row.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// At most this many jobs wait in Hangfire's queue for a worker; the dispatcher claims more as the workers take them
    /// (each finished job wakes it). A backlog stays in the table, unclaimed: no lease runs out in a queue, and the
    /// dispatcher's read of due rows walks only the few claimed ahead, not thousands.
    /// </summary>
    public int QueueLimit { get; set; } = 20;

    /// <summary>
    /// How long a failed row waits before its first retry; each further failure doubles the wait, up to an hour, until
    /// <see cref="OutboxMessage.MaxAttempts"/> failures park it as dead.
    /// </summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the dispatcher deletes what the retention periods below no longer keep.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Completed outbox rows are kept this long after completion (pending and dead rows are never pruned).</summary>
    public TimeSpan CompletedRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The e-mail log (<c>EmailMessages</c>) is kept this long after sending.</summary>
    public TimeSpan EmailRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Inbox records (inbound event ids, idempotency keys) are kept this long: a repeat after that runs again.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(90);
}

/// <summary>What one prune deleted.</summary>
public sealed record OutboxPruned(int OutboxMessages, int EmailMessages, int InboxMessages);

/// <summary>
/// Turns due outbox rows into Hangfire jobs. Several instances may run it: each claims rows with a
/// conditional update of their lease that writes its claim token, so no row is handed out by two at
/// once, and each job gets the token its row was claimed with.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IBackgroundJobClient jobs,
    JobStorage jobStorage,
    IClock clock,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    JobStorageMode storageMode,
    SqliteWriteGate writeGate,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    // On SQL Server a row whose command is running is locked by that command's transaction (it marks
    // the row completed first): skip it instead of waiting for the command to finish.
    internal const string UnlockedRowsSqlServer = "SELECT * FROM [OutboxMessages] WITH (READPAST)";

    /// <summary>This process, as the first part of every claim token it writes.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}".Truncate(60);

    private DateTimeOffset _nextPruneAt = DateTimeOffset.MinValue;

    /// <summary>One pass at a time in this process, so two cannot both see room in the queue and fill it twice over.</summary>
    private readonly SemaphoreSlim _pass = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (storageMode.IsVolatile)
        {
            await ReleaseLeasesOfLostJobsAsync(stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await PruneWhenDueAsync(stoppingToken);
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

    /// <summary>
    /// Claims due rows and enqueues one Hangfire job per row, as many as the queue has room for (<see cref="OutboxOptions.QueueLimit"/>);
    /// nothing while it is more than half full, so a pass claims rows by the handful rather than one per finished job.
    /// Returns how many were handed out.
    /// </summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            return await DispatchWithinQueueLimitAsync(cancellationToken);
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task<int> DispatchWithinQueueLimitAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var room = settings.QueueLimit - (int)Math.Min(int.MaxValue, jobStorage.GetMonitoringApi().EnqueuedCount(EnqueuedState.DefaultQueue));
        if (room < Math.Max(1, settings.QueueLimit / 2))
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var now = clock.Now;
        var candidates = await DueRows(db, now, Math.Min(settings.BatchSize, room)).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        // One claim per pass, in one statement: the rows still free get this pass's token. A row claimed
        // again later always gets a new token, so a job can tell whether its row is still its own.
        var claim = $"{Owner}/{Guid.NewGuid():N}";
        var leaseUntil = now + settings.Lease;
        int claimed;
        using (await writeGate.EnterAsync(db, cancellationToken))
        {
            claimed = await Claimable(db, candidates, now)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, leaseUntil).SetProperty(m => m.LeaseOwner, claim), cancellationToken);
        }

        if (claimed == 0)
        {
            return 0;
        }

        var ours = await db.OutboxMessages
            .Where(m => candidates.Contains(m.Id) && m.LeaseOwner == claim)
            .OrderBy(m => m.DueAt)
            .Select(m => m.Id)
            .ToListAsync(cancellationToken);
        foreach (var id in ours)
        {
            jobs.Enqueue<OutboxJob>(job => job.Run(id, claim, CancellationToken.None));
        }

        return ours.Count;
    }

    /// <summary>
    /// Deletes completed outbox rows, logged e-mails and inbox records older than their retention
    /// periods, set-based. Pending and dead outbox rows are kept whatever their age.
    /// </summary>
    public async Task<OutboxPruned> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var settings = options.Value;
        var completedBefore = now - settings.CompletedRetention;
        var sentBefore = now - settings.EmailRetention;
        var receivedBefore = now - settings.InboxRetention;
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        var pruned = new OutboxPruned(
            await db.OutboxMessages.Where(m => m.CompletedAt != null && m.CompletedAt < completedBefore).ExecuteDeleteAsync(cancellationToken),
            await db.EmailMessages.Where(e => e.SentAt < sentBefore).ExecuteDeleteAsync(cancellationToken),
            await db.InboxMessages.Where(i => i.ReceivedAt < receivedBefore).ExecuteDeleteAsync(cancellationToken));
        if (pruned.OutboxMessages + pruned.EmailMessages + pruned.InboxMessages > 0)
        {
            logger.LogInformation("Pruned {Outbox} completed outbox messages, {Emails} logged e-mails and {Inbox} inbox records", pruned.OutboxMessages, pruned.EmailMessages, pruned.InboxMessages);
        }

        return pruned;
    }

    /// <summary>Pending rows whose time has come and whose lease is free, oldest first.</summary>
    internal static IQueryable<Guid> DueRows(MarketplaceDb db, DateTimeOffset now, int take) =>
        (db.Database.IsSqlServer() ? db.OutboxMessages.FromSqlRaw(UnlockedRowsSqlServer) : db.OutboxMessages)
            .Where(m => m.CompletedAt == null && m.DeadAt == null && m.DueAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.DueAt)
            .Select(m => m.Id)
            .Take(take);

    /// <summary>
    /// Of the candidates, those still free to claim (another dispatcher may have taken some since they were read), found by
    /// their ids: the pending-rows index holds the backlog waiting for a worker, and walking it here would hold the write lock.
    /// </summary>
    internal static IQueryable<OutboxMessage> Claimable(MarketplaceDb db, IReadOnlyCollection<Guid> candidates, DateTimeOffset now) =>
        db.OutboxMessages.Where(m => candidates.Contains(m.Id) && m.CompletedAt == null && m.DeadAt == null && m.DueAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now));

    private async Task PruneWhenDueAsync(CancellationToken stoppingToken)
    {
        var now = clock.Now;
        if (now < _nextPruneAt)
        {
            return;
        }

        _nextPruneAt = now + options.Value.PruneInterval;
        try
        {
            await PruneAsync(now, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Pruning the outbox, e-mail log and inbox failed; trying again in {Interval}", options.Value.PruneInterval);
        }
    }

    /// <summary>
    /// In-memory Hangfire storage forgets its queue on restart: rows handed out before the stop are
    /// handed out again now rather than after their lease. Only the lease is released: a failed row's
    /// backoff lives in <see cref="OutboxMessage.DueAt"/> and survives the restart.
    /// </summary>
    private async Task ReleaseLeasesOfLostJobsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
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
