using Marketplace.Web.Data;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Sales;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Tests.Infrastructure.Pipeline;

/// <summary>
/// SQLite takes one writer at a time, so the app's own races never reach a stale save there; SQL Server's read-committed
/// ones do. This drives the behavior with a handler that loses its save, as it would there.
/// </summary>
public sealed class ConflictRetryBehaviorTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_command_that_lost_a_race_runs_again_from_a_clean_slate_and_its_answer_is_the_last_attempt_s()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var behavior = new ConflictRetryBehavior<PlaceBid.Command, PlaceBid.Result>(db, NullLogger<ConflictRetryBehavior<PlaceBid.Command, PlaceBid.Result>>.Instance);
        var attempts = 0;
        var trackedAtStart = new List<int>();

        var result = await behavior.Handle(new PlaceBid.Command(Guid.NewGuid(), 500m), (_, _) =>
        {
            trackedAtStart.Add(db.ChangeTracker.Entries().Count());
            db.Add(new Lot { Number = $"LOT-RACE{attempts}", Title = "lost attempt", CreatedAt = DateTimeOffset.UtcNow });
            if (++attempts < 3)
            {
                throw new DbUpdateConcurrencyException("the sale's version changed");
            }

            return ValueTask.FromResult(new PlaceBid.Result(Marketplace.Web.Domain.Sales.SaleMode.Auction, 500m, true, 150m, null, false, true));
        }, CancellationToken.None);

        Assert.Equal(3, attempts);
        Assert.Equal([0, 0, 0], trackedAtStart); // nothing of a lost attempt is carried into the next
        Assert.True(result.Leading);
    }

    [Fact]
    public async Task After_the_last_attempt_the_conflict_reaches_the_person_and_commands_that_did_not_ask_are_never_retried()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var bids = new ConflictRetryBehavior<PlaceBid.Command, PlaceBid.Result>(db, NullLogger<ConflictRetryBehavior<PlaceBid.Command, PlaceBid.Result>>.Instance);
        var quotes = new ConflictRetryBehavior<SubmitQuote.Command, Unit>(db, NullLogger<ConflictRetryBehavior<SubmitQuote.Command, Unit>>.Instance);
        var (bidAttempts, quoteAttempts) = (0, 0);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(async () => await bids.Handle(new PlaceBid.Command(Guid.NewGuid(), 500m), (_, _) =>
        {
            bidAttempts++;
            throw new DbUpdateConcurrencyException("lost again");
        }, CancellationToken.None));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(async () => await quotes.Handle(new SubmitQuote.Command(Guid.NewGuid(), 500m, null), (_, _) =>
        {
            quoteAttempts++;
            throw new DbUpdateConcurrencyException("lost");
        }, CancellationToken.None));

        Assert.Equal((ConflictRetryBehavior<PlaceBid.Command, PlaceBid.Result>.Attempts, 1), (bidAttempts, quoteAttempts));
    }
}
