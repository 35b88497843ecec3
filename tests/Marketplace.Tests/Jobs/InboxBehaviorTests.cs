using System.Text.RegularExpressions;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Tests.Jobs;

/// <summary>
/// The inbox behavior inside the transaction behavior, as the pipeline runs them, around handlers
/// written here (the mediator only knows the app's own commands), on the app's real SQLite file.
/// </summary>
public sealed partial class InboxBehaviorTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _app = new();
    private int _runs;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    public sealed record OpenLot(string Title, string? IdempotencyKey) : ICommand<Guid>, IIdempotentCommand;

    public sealed record RenameLot(string Title, string? IdempotencyKey) : ICommand<Guid>, IIdempotentCommand;

    public sealed record Acknowledge(string? IdempotencyKey) : ICommand, IIdempotentCommand;

    [Fact]
    public async Task The_same_key_twice_runs_the_handler_once_and_answers_the_repeat_with_the_first_response()
    {
        var title = $"Spring refresh {Guid.NewGuid():N}";
        var key = IdempotencyKeys.ForUser(Guid.NewGuid(), Guid.NewGuid().ToString("N"));

        var first = await SendAsync(new OpenLot(title, key), CreateLotAsync);
        var repeat = await SendAsync(new OpenLot(title, key), CreateLotAsync);

        Assert.Equal(first, repeat);
        Assert.Equal(1, _runs);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Lots.CountAsync(l => l.Title == title)));
        var record = await _app.WithDbAsync(db => db.InboxMessages.AsNoTracking().SingleAsync(i => i.Key.EndsWith(key!)));
        Assert.Equal("Marketplace.Tests.Jobs.InboxBehaviorTests+OpenLot", record.Source);
        Assert.Equal($"\"{first}\"", record.ResponseJson);
    }

    [Fact]
    public async Task Different_keys_and_the_same_key_on_another_command_each_run_the_handler()
    {
        var title = $"Spring refresh {Guid.NewGuid():N}";
        var key = Guid.NewGuid().ToString("N");

        var first = await SendAsync(new OpenLot(title, IdempotencyKeys.ForUser(Guid.NewGuid(), key)), CreateLotAsync);
        var otherUser = await SendAsync(new OpenLot(title, IdempotencyKeys.ForUser(Guid.NewGuid(), key)), CreateLotAsync);
        var otherCommand = await SendAsync(new RenameLot(title, IdempotencyKeys.ForUser(Guid.NewGuid(), key)), CreateLotAsync);
        var withoutKey = await SendAsync(new OpenLot(title, null), CreateLotAsync);
        var withoutKeyAgain = await SendAsync(new OpenLot(title, null), CreateLotAsync);

        Assert.Equal(5, new[] { first, otherUser, otherCommand, withoutKey, withoutKeyAgain }.Distinct().Count());
        Assert.Equal(5, _runs);
        Assert.Equal(5, await _app.WithDbAsync(db => db.Lots.CountAsync(l => l.Title == title)));
    }

    [Fact]
    public async Task A_failed_attempt_keeps_neither_its_changes_nor_its_key_so_the_repeat_runs_and_both_commit_together()
    {
        var title = $"Spring refresh {Guid.NewGuid():N}";
        var key = $"stripe:evt_{Guid.NewGuid():N}";

        await Assert.ThrowsAsync<DomainException>(() => SendAsync<OpenLot, Guid>(new OpenLot(title, key), async (db, command) =>
        {
            await CreateLotAsync(db, command);
            await db.SaveChangesAsync();
            throw new DomainException("The district is not verified yet.");
        }));
        Assert.False(await _app.WithDbAsync(db => db.Lots.AnyAsync(l => l.Title == title)));
        Assert.False(await _app.WithDbAsync(db => db.InboxMessages.AnyAsync(i => i.Key.EndsWith(key))));

        var id = await SendAsync(new OpenLot(title, key), CreateLotAsync);

        Assert.Equal(2, _runs);
        Assert.Equal(id, await _app.WithDbAsync(db => db.Lots.Where(l => l.Title == title).Select(l => l.Id).SingleAsync()));
        Assert.True(await _app.WithDbAsync(db => db.InboxMessages.AnyAsync(i => i.Key.EndsWith(key))));
    }

    [Fact]
    public async Task A_command_without_a_response_is_answered_once_too()
    {
        var key = IdempotencyKeys.ForStripeEvent($"evt_{Guid.NewGuid():N}");

        await SendAsync(new Acknowledge(key), (_, _) => { _runs++; return Task.FromResult(Unit.Value); });
        var repeat = await SendAsync(new Acknowledge(key), (_, _) => { _runs++; return Task.FromResult(Unit.Value); });

        Assert.Equal(Unit.Value, repeat);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task The_form_partial_renders_a_fresh_hidden_key_each_time_a_form_is_rendered()
    {
        var first = await RenderAsync("/Features/Shared/_IdempotencyKey.cshtml");
        var second = await RenderAsync("/Features/Shared/_IdempotencyKey.cshtml");

        var keys = new[] { first, second }.Select(html => HiddenKey().Match(html)).ToList();
        Assert.All(keys, m => Assert.True(m.Success, $"expected a hidden {IdempotencyKeys.FormField} input in: {first}"));
        Assert.NotEqual(keys[0].Groups["key"].Value, keys[1].Groups["key"].Value);
    }

    [GeneratedRegex("""<input type="hidden" name="IdempotencyKey" value="(?<key>[0-9a-f]{32})" />""")]
    private static partial Regex HiddenKey();

    private async Task<Guid> CreateLotAsync<TCommand>(MarketplaceDb db, TCommand command)
    {
        _runs++;
        var title = command switch { OpenLot o => o.Title, RenameLot r => r.Title, _ => throw new ArgumentOutOfRangeException(nameof(command)) };
        var district = await db.Organizations.Where(o => o.Name == DemoLots.District).Select(o => o.Id).SingleAsync();
        var lot = new Lot { Number = ReferenceNumber.New("LOT"), DistrictId = district, Title = title, CreatedAt = DateTimeOffset.UtcNow };
        db.Lots.Add(lot);
        return lot.Id;
    }

    /// <summary>Transaction behavior → inbox behavior → handler, each resolved from one request scope.</summary>
    private async Task<TResponse> SendAsync<TCommand, TResponse>(TCommand command, Func<MarketplaceDb, TCommand, Task<TResponse>> handler)
        where TCommand : IBaseCommand, IMessage
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MarketplaceDb>();
        var transaction = new TransactionBehavior<TCommand, TResponse>(db, services.GetRequiredService<OutboxScope>(), services.GetRequiredService<IClock>(), services.GetRequiredService<OutboxSignal>(), services.GetRequiredService<SqliteWriteGate>());
        var inbox = new InboxBehavior<TCommand, TResponse>(db, services.GetRequiredService<IClock>(), NullLogger<InboxBehavior<TCommand, TResponse>>.Instance);
        return await transaction.Handle(command, (m, ct) => inbox.Handle(m, async (c, _) => await handler(db, c), ct), CancellationToken.None);
    }

    private async Task<string> RenderAsync(string path)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var http = new DefaultHttpContext { RequestServices = services };
        var actionContext = new ActionContext(http, new RouteData(), new ActionDescriptor());
        var view = services.GetRequiredService<IRazorViewEngine>().GetView(executingFilePath: null, path, isMainPage: false).EnsureSuccessful(originalLocations: null).View!;
        await using var writer = new StringWriter();
        var viewContext = new ViewContext(actionContext, view, new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary()),
            new TempDataDictionary(http, services.GetRequiredService<ITempDataProvider>()), writer, new HtmlHelperOptions());
        await view.RenderAsync(viewContext);
        return writer.ToString();
    }
}
