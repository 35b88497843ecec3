using FluentValidation;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Tests.Jobs;

/// <summary>
/// The app with what outbox tests observe: the outbox job's log, and a gate that can hold an e-mail
/// command while its job is running but before its transaction begins (as a long preparation would).
/// </summary>
internal class OutboxApp : MarketplaceFactory
{
    public OutboxApp()
    {
    }

    public OutboxApp(string dataFolder) : base(dataFolder)
    {
    }

    public CapturingLogger<OutboxJob> JobLog { get; } = new();

    public CommandGate Gate { get; } = new();

    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILogger<OutboxJob>>(JobLog);
            services.AddSingleton<IValidator<SendEmail.Command>>(Gate);
        });
    }

    /// <summary>Claim tokens under which the outbox job started running a message.</summary>
    public IReadOnlyList<string> ClaimsThatRan(Guid messageId) =>
        [.. JobLog.Entries.Where(e => e.Message.StartsWith("Running outbox message", StringComparison.Ordinal) && e.Properties.TryGetValue("MessageId", out var id) && Equals(id, messageId))
            .Select(e => (string)e.Properties["Claim"]!)];

    public bool JobLogged(Guid messageId, string claim, string fragment) =>
        JobLog.Entries.Any(e => e.Message.Contains(fragment, StringComparison.Ordinal)
            && e.Properties.TryGetValue("MessageId", out var id) && Equals(id, messageId)
            && e.Properties.TryGetValue("Claim", out var c) && Equals(c, claim));

    public Task<Guid> SchoolAsync() =>
        WithDbAsync(db => db.Users.Where(u => u.Email == "school@demo.k12").Select(u => u.OrganizationId).SingleAsync());

    public Task<OutboxMessage> RowAsync(Guid id) => WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>Saves outbox rows the way a committed command does, without waking the dispatcher.</summary>
    public async Task<Guid> EnqueueAsync(IBaseCommand command, Action<OutboxMessage>? arrange = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        scope.ServiceProvider.GetRequiredService<Outbox>().Enqueue(command);
        var row = db.ChangeTracker.Entries<OutboxMessage>().Single().Entity;
        arrange?.Invoke(row);
        await db.SaveChangesAsync();
        return row.Id;
    }
}

/// <summary>
/// A validator that holds the first <see cref="SendEmail.Command"/> with a chosen subject until
/// released; every other command passes at once. Validation runs before the transaction behavior, so
/// the held job is alive but holds no database lock.
/// </summary>
internal sealed class CommandGate : AbstractValidator<SendEmail.Command>
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _subject;
    private int _holding;

    public CommandGate() =>
        RuleFor(c => c).MustAsync(async (command, cancellationToken) =>
        {
            if (command.Subject == _subject && Interlocked.Exchange(ref _holding, 1) == 0)
            {
                _entered.TrySetResult();
                await _released.Task.WaitAsync(cancellationToken);
            }

            return true;
        });

    public void HoldFirst(string subject) => _subject = subject;

    /// <summary>Completes when the held command has reached the gate.</summary>
    public Task Entered => _entered.Task;

    public void Release() => _released.TrySetResult();
}
