using FluentValidation;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Audit;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Infrastructure.Audit;

/// <summary>One app shared by the tests of a class (a fixture needs a single public constructor).</summary>
public sealed class AuditApp : MarketplaceFactory;

/// <summary>What the audit records of a command say: the fields before → after, nothing of a refused command, no secret, bounded values.</summary>
public sealed class AuditRecordsTests(AuditApp app) : IClassFixture<AuditApp>
{
    private const string District = LotJourneys.District;

    /// <summary>A command of the test's own, with inputs named like secrets and bodies.</summary>
    public sealed record ChangeSecrets(string Email, string NewPassword, string Body) : ICommand;

    [Fact]
    public async Task An_edit_records_each_changed_field_before_and_after_and_nothing_that_did_not_change()
    {
        var (lotId, deviceId) = await DraftWithDeviceAsync("5CDEDIT001");
        var before = await app.WithDbAsync(db => db.Devices.AsNoTracking().SingleAsync(d => d.Id == deviceId));
        var form = DeviceDetails.From(before) with { Grade = CosmeticGrade.A, BatteryHealthPercent = 87, Notes = "Hinge replaced 2023" };

        await app.SendAsAsync(District, new EditDevice.Command(lotId, deviceId, form));

        var record = Assert.Single(await RecordsAsync(r => r.Action == "Lots.EditDevice" && r.LotId == lotId));
        Assert.Equal((AuditOperation.Modified, "Device", deviceId.ToString(), "5CDEDIT001", "Dana Whitfield"), (record.Operation, record.EntityType, record.EntityId, record.EntityLabel, record.ActorName));
        Assert.Equal(await DistrictIdAsync(), record.OrganizationId);
        Assert.Equal(
            [new("Grade", "B", "A"), new("BatteryHealthPercent", null, "87"), new("Notes", null, "Hinge replaced 2023")],
            AuditChanges.Read(record.Changes).OrderBy(c => c.Field == "Grade" ? 0 : c.Field == "BatteryHealthPercent" ? 1 : 2));
    }

    [Fact]
    public async Task A_command_refused_by_a_rule_by_validation_or_by_role_writes_no_record()
    {
        var lotId = await app.SendAsAsync(District, new CreateLot.Command($"Empty lot {Guid.NewGuid():N}", null, null));
        var title = $"Refused {Guid.NewGuid():N}";

        await Assert.ThrowsAsync<DomainException>(() => app.SendAsAsync(District, new SubmitLot.Command(lotId)));
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsAsync(District, new RecordBoardApproval.Command(lotId, new string('R', 101))));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsAsync(LotJourneys.Refurbisher, new WithdrawLot.Command(lotId)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsAsync("district2@demo.k12", new WithdrawLot.Command(lotId)));
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsAsync(District, new CreateLot.Command("", title, null)));

        Assert.Equal(["Lots.CreateLot"], (await RecordsAsync(r => r.LotId == lotId)).Select(r => r.Action));
        Assert.Empty(await RecordsAsync(r => r.Changes != null && r.Changes.Contains(title)));
    }

    [Fact]
    public async Task A_bulk_update_that_bypasses_the_change_tracker_still_records_the_command_with_what_was_asked()
    {
        var (lotId, _) = await DraftWithDeviceAsync("5CDBULK001", "5CDBULK002");

        var changed = await app.SendAsAsync(District, new BulkEditDevices.Command(lotId, [], true, new DeviceFilter(), false, CosmeticGrade.C, null, null, null));

        Assert.Equal(2, changed);
        var record = Assert.Single(await RecordsAsync(r => r.Action == "Lots.BulkEditDevices" && r.LotId == lotId));
        Assert.Equal(AuditOperation.Command, record.Operation);
        var asked = AuditChanges.Read(record.Changes).ToDictionary(c => c.Field, c => c.After);
        Assert.Equal(("C", "yes", "2"), (asked["Grade"], asked["AllMatching"], asked["Result"]));
        Assert.Contains("Sort: serial", asked["Filter"]);
    }

    [Fact]
    public async Task Many_rows_of_one_kind_added_by_one_command_are_counted_in_one_summary_record()
    {
        var (lotId, _) = await DraftWithDeviceAsync("5CDMANY000");

        await RunAuditedAsync(new AddDevice.Command(lotId, "5CDMANY001", null, DeviceCategory.Chromebook, null, "Chromebook 3100", CosmeticGrade.B, FunctionalStatus.Working),
            async services =>
            {
                var db = services.GetRequiredService<MarketplaceDb>();
                var lot = await db.Lots.SingleAsync(l => l.Id == lotId);
                db.Devices.AddRange(Enumerable.Range(1, AuditTrail.SummaryThreshold + 5)
                    .Select(i => lot.NewDevice($"5CDMANY{i:000}", null, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.B, FunctionalStatus.Working)));
            });

        var record = Assert.Single(await RecordsAsync(r => r.Action == "Lots.AddDevice" && r.LotId == lotId && r.Operation != AuditOperation.Added));
        Assert.Equal((AuditOperation.Summary, "Device"), (record.Operation, record.EntityType));
        var summary = AuditChanges.Read(record.Changes).ToDictionary(c => c.Field, c => c.After);
        Assert.Equal("30", summary["Rows added"]);
        Assert.StartsWith("5CDMANY001, 5CDMANY002", summary["First"]);
        Assert.Single(await RecordsAsync(r => r.Action == "Lots.AddDevice" && r.LotId == lotId && r.Operation == AuditOperation.Added));
    }

    [Fact]
    public async Task Passwords_stamps_authenticator_keys_and_recovery_codes_are_never_recorded_even_when_identity_saves_mid_command()
    {
        var email = await app.AddOrganizationWithUserAsync($"Secret Keepers {Guid.NewGuid():N}", OrganizationKind.School, Roles.SchoolBuyer);
        const string newPassword = "Brand-new-pass-2027!";
        const string body = "Reset link: https://marketplace.test/reset?token=abc";
        string? key = null;
        IEnumerable<string>? codes = null;
        string? hash = null;

        await RunAuditedAsync(new ChangeSecrets(email, newPassword, body), async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            user.DisplayName = new string('N', 500);
            Assert.True((await users.ChangePasswordAsync(user, DemoData.DefaultPassword, newPassword)).Succeeded);
            Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
            key = await users.GetAuthenticatorKeyAsync(user);
            codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 3);
            hash = user.PasswordHash;
        });
        await RunAuditedAsync(new ChangeSecrets(email, newPassword, body), _ => Task.CompletedTask);

        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id.ToString()).SingleAsync());
        var records = await RecordsAsync(r => r.Action == "Audit.AuditRecordsTests" && (r.EntityId!.StartsWith(userId) || r.Operation == AuditOperation.Command));
        var text = string.Join("\n", records.Select(r => $"{r.EntityType} {r.EntityId} {r.EntityLabel} {r.Changes}"));
        Assert.DoesNotContain(newPassword, text);
        Assert.DoesNotContain(hash!, text);
        Assert.DoesNotContain(key!, text);
        Assert.All(codes!, code => Assert.DoesNotContain(code, text));
        Assert.DoesNotContain("token=abc", text);

        var changes = records.Where(r => r.EntityType == "User").SelectMany(r => AuditChanges.Read(r.Changes)).ToList();
        Assert.Contains(new AuditChange("PasswordHash", AuditChanges.Hidden, AuditChanges.Hidden), changes);
        Assert.Contains(changes, c => c.Field == "SecurityStamp" && c.After == AuditChanges.Hidden);
        var name = Assert.Single(changes, c => c.Field == "DisplayName");
        Assert.Equal(AuditChanges.MaxValueLength, name.After!.Length);
        Assert.Contains(records, r => r.EntityType == "UserToken" && r.Operation == AuditOperation.Added);
        Assert.All(records.Where(r => r.EntityType == "UserToken").SelectMany(r => AuditChanges.Read(r.Changes)), c => Assert.Equal(AuditChanges.Hidden, c.After));

        var asked = AuditChanges.Read(Assert.Single(records, r => r.Operation == AuditOperation.Command).Changes).ToDictionary(c => c.Field, c => c.After);
        Assert.Equal((email, AuditChanges.Hidden, $"({body.Length} characters)"), (asked["Email"], asked["NewPassword"], asked["Body"]));
    }

    /// <summary>Runs <paramref name="handler"/> as the pipeline runs a command's handler: inside the transaction and audit behaviors, as the district.</summary>
    private async Task RunAuditedAsync<TCommand>(TCommand command, Func<IServiceProvider, Task> handler) where TCommand : ICommand
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MarketplaceDb>();
        var transaction = new TransactionBehavior<TCommand, Unit>(db, services.GetRequiredService<OutboxScope>(), services.GetRequiredService<IClock>(), services.GetRequiredService<OutboxSignal>(), services.GetRequiredService<SqliteWriteGate>());
        var audit = new AuditBehavior<TCommand, Unit>(db, services.GetRequiredService<AuditTrail>());
        await transaction.Handle(command, (c, ct) => audit.Handle(c, async (_, _) =>
        {
            await handler(services);
            return Unit.Value;
        }, ct), CancellationToken.None);
    }

    private async Task<(Guid LotId, Guid FirstDevice)> DraftWithDeviceAsync(params string[] serials)
    {
        var lotId = await app.SendAsAsync(District, new CreateLot.Command($"Audit test lot {Guid.NewGuid():N}", null, null));
        foreach (var serial in serials)
        {
            await app.SendAsAsync(District, new AddDevice.Command(lotId, serial, null, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.B, FunctionalStatus.Working));
        }

        return (lotId, await app.WithDbAsync(db => db.Devices.Where(d => d.LotId == lotId && d.Serial == serials[0]).Select(d => d.Id).SingleAsync()));
    }

    private Task<Guid> DistrictIdAsync() => app.WithDbAsync(db => db.Organizations.Where(o => o.Name == DemoLots.District).Select(o => o.Id).SingleAsync());

    private Task<List<AuditRecord>> RecordsAsync(System.Linq.Expressions.Expression<Func<AuditRecord, bool>> where) =>
        app.WithDbAsync(db => db.AuditRecords.AsNoTracking().Where(where).OrderBy(r => r.At).ToListAsync());
}
