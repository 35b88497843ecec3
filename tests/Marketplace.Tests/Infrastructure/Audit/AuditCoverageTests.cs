using System.Collections.Concurrent;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Settlement;
using Marketplace.Web.Infrastructure.Audit;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Infrastructure.Audit;

/// <summary>Each command run that reached its handler, by the id its audit records carry.</summary>
public sealed class HandledCommands
{
    public ConcurrentQueue<(string Action, Guid CommandId)> Runs { get; } = new();
}

/// <summary>Innermost behavior of the test app: notes every command whose handler returned, with the trail's id for that run.</summary>
public sealed class NoteHandledCommands<TMessage, TResponse>(AuditTrail trail, HandledCommands handled) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        if (message is IBaseCommand && trail.CommandId is { } id)
        {
            handled.Runs.Enqueue((AuditTrail.ActionOf(typeof(TMessage)), id));
        }

        return response;
    }
}

/// <summary>The app with <see cref="NoteHandledCommands{TMessage,TResponse}"/> appended to its pipeline.</summary>
public sealed class CommandNotingApp : MarketplaceFactory
{
    public HandledCommands Handled { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Handled);
            services.AddScoped(typeof(IPipelineBehavior<,>), typeof(NoteHandledCommands<,>));
        });
    }
}

/// <summary>A command that writes no audit record is impossible: every command type passes the audit behavior, and every run of a whole buyback leaves one.</summary>
public sealed class AuditCoverageTests(CommandNotingApp app) : IClassFixture<CommandNotingApp>
{
    private const string District = LotJourneys.District;

    [Fact]
    public async Task Every_command_type_of_the_app_passes_the_audit_behavior_inside_the_transaction_and_outside_the_inbox()
    {
        var commands = typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IBaseCommand).IsAssignableFrom(t))
            .ToList();
        Assert.Contains(typeof(SubmitLot.Command), commands);
        Assert.True(commands.Count >= 40, $"Only {commands.Count} command types found.");

        await using var scope = app.Services.CreateAsyncScope();
        var uncovered = new List<string>();
        foreach (var command in commands)
        {
            var response = command.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>)).GetGenericArguments()[0];
            var pipeline = scope.ServiceProvider.GetServices(typeof(IPipelineBehavior<,>).MakeGenericType(command, response))
                .Select(b => b!.GetType().GetGenericTypeDefinition()).ToList();
            var (transaction, audit, inbox) = (pipeline.IndexOf(typeof(TransactionBehavior<,>)), pipeline.IndexOf(typeof(AuditBehavior<,>)), pipeline.IndexOf(typeof(InboxBehavior<,>)));
            if (!(transaction >= 0 && audit > transaction && inbox > audit))
            {
                uncovered.Add($"{command.FullName}: {string.Join(" → ", pipeline.Select(p => p.Name))}");
            }
        }

        Assert.True(uncovered.Count == 0, "Commands not audited inside their transaction:\n" + string.Join("\n", uncovered));
    }

    [Fact]
    public async Task Every_command_run_of_a_whole_buyback_and_of_a_drafts_edits_leaves_at_least_one_audit_record()
    {
        var lot = await app.ReceivedLotAsync(devices: 2);
        var draft = await app.SendAsAsync(District, new CreateLot.Command($"Coverage draft {Guid.NewGuid():N}", null, null));
        foreach (var serial in new[] { "5CDCOVER01", "5CDCOVER02" })
        {
            await app.SendAsAsync(District, new AddDevice.Command(draft, serial, null, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.B, FunctionalStatus.Working));
        }

        await app.SendAsAsync(District, new RecordBoardApproval.Command(draft, "Res. 2026-077"));
        await app.SendAsAsync(District, new BulkEditDevices.Command(draft, [], true, new DeviceFilter(), false, CosmeticGrade.A, null, null, null));
        var removed = await app.WithDbAsync(db => db.Devices.Where(d => d.LotId == draft).Select(d => d.Id).FirstAsync());
        await app.SendAsAsync(District, new RemoveDevice.Command(draft, removed));
        await app.SanitizeEverySerialAsync(lot);
        var payout = await app.PayoutAsync(lot.Id);
        await app.SendAsAsync(LotJourneys.Finance, new ApprovePayout.Command(payout.Id));
        await app.SendAsAsync(LotJourneys.Finance, new ConfirmPayout.Command(payout.Id, "ACH-COVERAGE-1"));

        // Background jobs (certificate, release of funds, e-mails) commit a moment after their handlers return.
        var runs = app.Handled.Runs.ToList();
        var unrecorded = runs;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); unrecorded.Count > 0 && DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            runs = app.Handled.Runs.ToList();
            var ids = runs.Select(r => r.CommandId).ToList();
            var recorded = (await app.WithDbAsync(db => db.AuditRecords.Where(r => ids.Contains(r.CommandId)).Select(r => r.CommandId).Distinct().ToListAsync())).ToHashSet();
            unrecorded = [.. runs.Where(r => !recorded.Contains(r.CommandId))];
        }

        Assert.True(unrecorded.Count == 0, "Command runs without an audit record: " + string.Join(", ", unrecorded.Select(r => r.Action)));
        var actions = runs.Select(r => r.Action).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "Lots.CreateLot", "Lots.AddDevice", "Lots.SubmitLot", "Sales.SubmitQuote", "Sales.AcceptQuote", "Payments.PayByPurchaseOrder",
            "Payments.MarkInvoicePaid", "Fulfillment.ProposePickupWindows", "Fulfillment.ConfirmPickupWindow", "Fulfillment.RecordHandOver", "Fulfillment.MarkReceived",
            "Sanitization.RecordSanitization", "Sanitization.ValidateSanitization", "Sanitization.DrawQualitySample", "Sanitization.RecordQualityCheck", "Sanitization.IssueCertificate", "Settlement.ReleaseDistrictFunds", "Settlement.ApprovePayout",
            "Settlement.ConfirmPayout", "Notifications.SendEmail", "Lots.RecordBoardApproval", "Lots.BulkEditDevices", "Lots.RemoveDevice",
        }, actions);
        var byJobs = await app.WithDbAsync(db => db.AuditRecords.Where(r => r.LotId == lot.Id && r.Action == "Sanitization.IssueCertificate").Select(r => r.ActorName).Distinct().ToListAsync());
        Assert.Equal([AuditRecord.SystemActor], byJobs);
    }
}
