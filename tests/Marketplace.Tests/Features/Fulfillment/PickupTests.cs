using System.Globalization;
using System.Net;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Fulfillment;
using Marketplace.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Fulfillment;

/// <summary>One app for the pickup tests: each test sells its own lot, so they do not see each other's data.</summary>
public sealed class FulfillmentApp : MarketplaceFactory;

public sealed class PickupTests(FulfillmentApp app) : IClassFixture<FulfillmentApp>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task The_buyer_proposes_windows_for_a_paid_lot_and_the_districts_people_are_told()
    {
        var lot = await app.PaidLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var page = WebUtility.HtmlDecode(await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/pickup/windows", new()
        {
            ["FirstWindowDay"] = Day(Today.AddDays(4)), ["FirstWindowFrom"] = "09:00", ["FirstWindowTo"] = "11:30",
            ["SecondWindowDay"] = Day(Today.AddDays(5)), ["SecondWindowFrom"] = "13:00", ["SecondWindowTo"] = "15:00",
            ["ThirdWindowDay"] = "", ["ThirdWindowFrom"] = "", ["ThirdWindowTo"] = "",
        }));

        Assert.Contains("2 pickup windows proposed.", page);
        Assert.Contains("Waiting for the district to confirm", page);
        var windows = await WindowsAsync(lot.Id);
        Assert.Equal([(Today.AddDays(4), new TimeOnly(9, 0), new TimeOnly(11, 30)), (Today.AddDays(5), new TimeOnly(13, 0), new TimeOnly(15, 0))],
            windows.Select(w => (w.Date, w.Starts, w.Ends)));
        Assert.All(windows, w => Assert.Equal((PickupWindowStatus.Proposed, "Priya Natarajan"), (w.Status, w.ProposedBy)));
        Assert.Equal(LotStage.Paid, await app.StageAsync(lot.Id));
        var email = Assert.Single(await EmailsAsync($"Pickup windows proposed for lot {lot.Number}"));
        Assert.Contains("9:00 am–11:30 am", email);

        var district = WebUtility.HtmlDecode(await (await BrowserClient.SignInAsync(app, LotJourneys.District)).GetPageAsync(lot.LotUrl));
        Assert.Contains("Windows the buyer proposed", district);
        Assert.Contains($"action=\"{lot.LotUrl}/pickup/confirm\"", district);
        Assert.Contains(Today.AddDays(5).ToString("dddd, MMMM d, yyyy", Us) + ", 1:00 pm–3:00 pm", district);
    }

    [Fact]
    public async Task The_district_confirms_a_window_and_both_sides_are_told_now_and_reminded_the_day_before()
    {
        var lot = await app.PaidLotAsync();
        var day = Today.AddDays(6);
        await app.ProposeWindowAsync(lot, day, startsAt: 10);
        await app.ProposeWindowAsync(lot, day.AddDays(1), startsAt: 13);
        var chosen = (await WindowsAsync(lot.Id)).Single(w => w.Date == day.AddDays(1));
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);

        var page = WebUtility.HtmlDecode(await district.SubmitAsync(lot.LotUrl, $"{lot.LotUrl}/pickup/confirm", new()
        {
            ["WindowId"] = chosen.Id.ToString(), ["Dock"] = "Loading dock B", ["Contact"] = "Dana Whitfield, 425-555-0100", ["Packages"] = "3",
            ["Instructions"] = "Check in at the front office",
        }));

        Assert.Contains($"Pickup confirmed for {day.AddDays(1).ToString("dddd, MMMM d, yyyy", Us)}, 1:00 pm–3:00 pm.", page);
        var fulfillment = await FulfillmentAsync(lot.Id);
        Assert.Equal((day.AddDays(1), "1:00 pm–3:00 pm", "Loading dock B", "Dana Whitfield, 425-555-0100", 3, "Check in at the front office", 1),
            (fulfillment.PickupDate, fulfillment.PickupWindow, fulfillment.PickupDock, fulfillment.PickupContact, fulfillment.ExpectedPackages,
                fulfillment.PickupInstructions, fulfillment.PickupRevision));
        Assert.Equal([PickupWindowStatus.NotChosen, PickupWindowStatus.Confirmed], (await WindowsAsync(lot.Id)).Select(w => w.Status));
        Assert.Equal(LotStage.PickupScheduled, await app.StageAsync(lot.Id));

        var purchase = WebUtility.HtmlDecode(await (await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher)).GetPageAsync(lot.PurchaseUrl));
        Assert.Contains("Loading dock B", purchase);
        Assert.Contains("Check in at the front office", purchase);
        Assert.Contains($"action=\"{lot.PurchaseUrl}/hand-over\"", purchase);

        Assert.Equal(2, (await EmailsAsync($"Pickup confirmed for lot {lot.Number}")).Count);
        var reminder = Assert.Single(await RemindersAsync(lot.Id));
        Assert.Equal((new DateTimeOffset(day.ToDateTime(new TimeOnly(15, 0)), TimeSpan.Zero), 1), (reminder.DueAt, reminder.Command.Revision));
    }

    [Fact]
    public async Task Moving_the_pickup_queues_a_new_reminder_and_the_one_for_the_old_date_stays_silent()
    {
        var lot = await app.PickupScheduledLotAsync();
        await app.ProposeWindowAsync(lot, Today.AddDays(9), startsAt: 13);
        var later = (await WindowsAsync(lot.Id)).Single(w => w.Status == PickupWindowStatus.Proposed);

        await app.SendAsAsync(LotJourneys.District, new ConfirmPickupWindow.Command(lot.Id, later.Id, "Loading dock B", "Dana Whitfield", 2, null));

        var reminders = await RemindersAsync(lot.Id);
        Assert.Equal([(1, Today.AddDays(6)), (2, Today.AddDays(8))], reminders.Select(r => (r.Command.Revision, DateOnly.FromDateTime(r.DueAt.UtcDateTime))));
        Assert.Equal(2, (await EmailsAsync($"Pickup of lot {lot.Number} moved to {Today.AddDays(9).ToString("MMMM d", Us)}")).Count);

        Assert.False(await app.SendAsSystemAsync(reminders[0].Command));
        Assert.Empty(await EmailsAsync($"Reminder: pickup tomorrow for lot {lot.Number}"));
        Assert.True(await app.SendAsSystemAsync(reminders[1].Command));
        var sent = await EmailsAsync($"Reminder: pickup tomorrow for lot {lot.Number}");
        Assert.Equal(2, sent.Count);
        Assert.All(sent, body => Assert.Contains(Today.AddDays(9).ToString("dddd, MMMM d, yyyy", Us), body));

        // Once the lot has left, a reminder still waiting in the outbox says nothing.
        await app.PickUpAsync(lot);
        Assert.False(await app.SendAsSystemAsync(reminders[1].Command));
        Assert.Equal(2, (await EmailsAsync($"Reminder: pickup tomorrow for lot {lot.Number}")).Count);
    }

    [Fact]
    public async Task The_district_asks_for_other_windows_and_the_buyer_reads_why()
    {
        var lot = await app.PaidLotAsync();
        await app.ProposeWindowAsync(lot, Today.AddDays(3));
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);

        var page = WebUtility.HtmlDecode(await district.SubmitAsync(lot.LotUrl, $"{lot.LotUrl}/pickup/other-windows", new() { ["note"] = "The dock is closed for testing that week" }));

        Assert.Contains("The buyer has been asked for other pickup windows.", page);
        Assert.Equal(PickupWindowStatus.Declined, Assert.Single(await WindowsAsync(lot.Id)).Status);
        Assert.Contains("The district writes: The dock is closed for testing that week", Assert.Single(await EmailsAsync($"Other pickup windows needed for lot {lot.Number}")));
        var purchase = WebUtility.HtmlDecode(await (await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher)).GetPageAsync(lot.PurchaseUrl));
        Assert.Contains("“The dock is closed for testing that week”", purchase);
        Assert.Contains("Propose pickup windows", purchase);
    }

    [Fact]
    public async Task Windows_are_proposed_once_the_buyer_has_paid_and_never_in_the_past()
    {
        var awarded = await app.AwardedLotAsync();
        var paid = await app.PaidLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var early = await buyer.RefusalAsync(await buyer.PostFormAsync(awarded.PurchaseUrl, $"{awarded.PurchaseUrl}/pickup/windows", Window(Today.AddDays(3))));
        var past = await buyer.RefusalAsync(await buyer.PostFormAsync(paid.PurchaseUrl, $"{paid.PurchaseUrl}/pickup/windows", Window(Today.AddDays(-1))));
        var halfFilled = await buyer.RefusalAsync(await buyer.PostFormAsync(paid.PurchaseUrl, $"{paid.PurchaseUrl}/pickup/windows",
            new() { ["FirstWindowDay"] = Day(Today.AddDays(3)) }));

        Assert.Equal("This lot is not paid yet; pickup and receiving open once the invoice is paid.", early);
        Assert.Contains("is in the past", past);
        Assert.Equal("Give each window a day, and the time the driver arrives and leaves by.", halfFilled);
        Assert.Empty(await WindowsAsync(paid.Id));
    }

    [Fact]
    public async Task A_confirmation_without_dock_contact_or_boxes_is_sent_back_with_what_is_missing()
    {
        var lot = await app.PaidLotAsync();
        await app.ProposeWindowAsync(lot, Today.AddDays(3));
        var window = Assert.Single(await WindowsAsync(lot.Id));
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);

        var response = await district.PostFormAsync(lot.LotUrl, $"{lot.LotUrl}/pickup/confirm", new()
        {
            ["WindowId"] = window.Id.ToString(), ["Dock"] = " ", ["Contact"] = "", ["Packages"] = "0",
        });

        Assert.Equal("Say where the driver loads: the dock, door or room. Name who meets the driver and how to reach them. " +
                     "Say how many boxes or pallets will be handed over (1 or more).", await district.RefusalAsync(response));
        Assert.Null((await FulfillmentAsync(lot.Id)).PickupDate);
    }

    [Fact]
    public async Task Only_the_buyer_proposes_and_only_the_district_that_owns_the_lot_confirms()
    {
        var lot = await app.PaidLotAsync();
        await app.ProposeWindowAsync(lot, Today.AddDays(3));
        var window = Assert.Single(await WindowsAsync(lot.Id));
        var otherDistrict = await BrowserClient.SignInAsync(app, "district2@demo.k12");
        var otherRefurbisher = await BrowserClient.SignInAsync(app,
            await app.AddOrganizationWithUserAsync($"Evergreen Recyclers {Guid.NewGuid():N}", OrganizationKind.Refurbisher));
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        var confirm = new Dictionary<string, string> { ["WindowId"] = window.Id.ToString(), ["Dock"] = "B", ["Contact"] = "Dana", ["Packages"] = "1" };

        Assert.Equal(HttpStatusCode.NotFound, (await otherDistrict.PostFormAsync("/lots/new", $"{lot.LotUrl}/pickup/confirm", confirm)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherRefurbisher.PostFormAsync("/", $"{lot.PurchaseUrl}/pickup/windows", Window(Today.AddDays(4)))).StatusCode);
        (await buyer.PostFormAsync(lot.PurchaseUrl, $"{lot.LotUrl}/pickup/confirm", confirm)).AssertAccessDenied();
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsAsync(LotJourneys.District,
            new ProposePickupWindows.Command(lot.Id, [new ProposedWindow(Today.AddDays(4), new TimeOnly(8, 0), new TimeOnly(9, 0))])));

        Assert.Null((await FulfillmentAsync(lot.Id)).PickupDate);
        Assert.Single(await WindowsAsync(lot.Id));
    }

    [Fact]
    public async Task The_hand_over_records_both_sides_seals_and_boxes_as_a_custody_event_and_tells_both_sides()
    {
        var lot = await app.PickupScheduledLotAsync();
        await app.SendAsAsync(LotJourneys.District, new RecordScan.Command(lot.Id, lot.Serials[0], "1"));
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);

        var page = WebUtility.HtmlDecode(await district.SubmitAsync(lot.LotUrl, $"{lot.LotUrl}/hand-over", new()
        {
            ["ReleasedBy"] = "Dana Whitfield", ["CollectedBy"] = "Sam Ortiz (GreenCycle driver)", ["SealNumbers"] = "S-1001, S-1002", ["Packages"] = "2",
        }));

        Assert.Contains("Hand-over recorded.", page);
        Assert.Contains("Released by Dana Whitfield to Sam Ortiz (GreenCycle driver)", page);
        Assert.Equal(LotStage.InTransit, await app.StageAsync(lot.Id));
        var fulfillment = await FulfillmentAsync(lot.Id);
        Assert.Equal(("Dana Whitfield", "Sam Ortiz (GreenCycle driver)", "S-1001, S-1002", 2),
            (fulfillment.ReleasedBy, fulfillment.CollectedBy, fulfillment.SealNumbers, fulfillment.HandedOverPackages));
        var custody = await app.WithDbAsync(db => db.CustodyEvents.AsNoTracking().SingleAsync(e => e.LotId == lot.Id && e.Kind == CustodyEventKind.HandedOver));
        Assert.Equal((null, "Dana Whitfield", fulfillment.PickedUpAt!.Value), (custody.DeviceId, custody.ActorName, custody.At));
        Assert.Contains("Loading dock B", custody.Place);
        Assert.Contains("seals S-1001, S-1002; 1 of 3 devices scanned at the hand-over", custody.Note);
        Assert.Equal(2, (await EmailsAsync($"Lot {lot.Number} was handed over")).Count);

        var again = await district.PostFormAsync(lot.LotUrl, $"{lot.LotUrl}/hand-over", new() { ["ReleasedBy"] = "Dana", ["CollectedBy"] = "Sam", ["Packages"] = "2" });
        Assert.Equal("The lot has already been picked up.", await district.RefusalAsync(again));
    }

    [Fact]
    public async Task A_lot_with_enrolled_devices_is_not_handed_over_until_each_is_confirmed_deprovisioned()
    {
        var lot = await app.PickupScheduledLotAsync();
        await app.WithDbAsync(db => db.Devices.Where(d => d.LotId == lot.Id && d.Serial != lot.Serials[2])
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Enrollment, EnrollmentStatus.Enrolled)));
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);
        var handOver = new Dictionary<string, string> { ["ReleasedBy"] = "Dana Whitfield", ["CollectedBy"] = "Sam Ortiz", ["Packages"] = "2" };

        var refused = await district.PostFormAsync(lot.LotUrl, $"{lot.LotUrl}/hand-over", handOver);
        var refusalPage = await district.GetPageAsync(refused.Headers.Location!.OriginalString);
        Assert.Contains("2 devices are still enrolled in device management.", WebUtility.HtmlDecode(refusalPage));
        Assert.Contains($"href=\"/lots/{lot.Id}/deprovisioning\">See the 2 enrolled devices</a>", refusalPage);
        var byBuyer = await Assert.ThrowsAsync<DomainException>(() => app.SendAsAsync(LotJourneys.Refurbisher, new RecordHandOver.Command(lot.Id, "Dana", "Sam", null, 1)));
        Assert.EndsWith("The district confirms it on its page of the lot.", byBuyer.Message);
        Assert.Null(byBuyer.Remedy);

        var list = WebUtility.HtmlDecode(await district.GetPageAsync($"{lot.LotUrl}/deprovisioning"));
        Assert.Contains(lot.Serials[0], list);
        Assert.DoesNotContain(lot.Serials[2], list);
        var first = await app.WithDbAsync(db => db.Devices.Where(d => d.Serial == lot.Serials[0]).Select(d => d.Id).SingleAsync());
        var unattested = await district.PostPairsAsync($"{lot.LotUrl}/deprovisioning", $"{lot.LotUrl}/deprovisioning", [new("deviceIds", first.ToString())]);
        Assert.StartsWith("Tick the statement", await district.RefusalAsync(unattested));
        var confirmed = WebUtility.HtmlDecode(await district.SubmitAsync($"{lot.LotUrl}/deprovisioning", $"{lot.LotUrl}/deprovisioning",
            new() { ["deviceIds"] = first.ToString(), ["attested"] = "true" }));
        Assert.Contains("Deprovisioning confirmed for 1 device.", confirmed);
        Assert.StartsWith("1 device is still enrolled in device management. Confirm each was deprovisioned as retiring (no account or cloud-service link left) before the hand-over.",
            await district.RefusalAsync(await district.PostFormAsync(lot.LotUrl, $"{lot.LotUrl}/hand-over", handOver)));

        // The last one is confirmed by its scan at the dock.
        var scan = await app.SendAsAsync(LotJourneys.District, new RecordScan.Command(lot.Id, lot.Serials[1], null, ConfirmDeprovisioned: true));
        Assert.False(scan.StillEnrolled);
        await district.SubmitAsync(lot.LotUrl, $"{lot.LotUrl}/hand-over", handOver);

        Assert.Equal(LotStage.InTransit, await app.StageAsync(lot.Id));
        var confirmations = await app.WithDbAsync(db => db.CustodyEvents.AsNoTracking()
            .Where(e => e.LotId == lot.Id && e.Kind == CustodyEventKind.DeprovisioningConfirmed).OrderBy(e => e.At).ToListAsync());
        Assert.Equal(2, confirmations.Count);
        Assert.All(confirmations, e => Assert.Equal(("Dana Whitfield", true), (e.ActorName, e.UserId is not null)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Devices.CountAsync(d => d.LotId == lot.Id && d.Enrollment == EnrollmentStatus.Enrolled)));
    }

    [Fact]
    public async Task A_lot_is_handed_over_only_once_a_window_is_confirmed_and_received_only_once_handed_over()
    {
        var lot = await app.PaidLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var tooSoon = await buyer.RefusalAsync(await buyer.PostFormAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/hand-over",
            new() { ["ReleasedBy"] = "Dana", ["CollectedBy"] = "Sam", ["Packages"] = "1" }));
        var receivedTooSoon = await buyer.RefusalAsync(await buyer.PostFormAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/received", []));

        Assert.Equal("Confirm a pickup window before the hand-over.", tooSoon);
        Assert.Equal("Only a lot in transit can be received: record the hand-over first.", receivedTooSoon);
        Assert.Equal(LotStage.Paid, await app.StageAsync(lot.Id));
    }

    [Fact]
    public async Task The_buyers_technician_records_the_hand_over_and_the_receipt_as_custody_events()
    {
        var lot = await app.PickupScheduledLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var inTransit = WebUtility.HtmlDecode(await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/hand-over",
            new() { ["ReleasedBy"] = "Dana Whitfield", ["CollectedBy"] = "Priya Natarajan", ["Packages"] = "2" }));
        Assert.Contains("Hand-over recorded.", inTransit);
        Assert.Contains($"href=\"{lot.PurchaseUrl}/scan\"", inTransit);

        await app.ScanInAsync(lot.Id, lot.Serials);
        var received = await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/received");

        Assert.Contains("Receiving finished and reconciled", received);
        Assert.Contains($"action=\"{lot.PurchaseUrl}/sanitization\"", received);
        Assert.Equal(LotStage.Received, await app.StageAsync(lot.Id));
        var kinds = await app.WithDbAsync(db => db.CustodyEvents.Where(e => e.LotId == lot.Id && e.Kind != CustodyEventKind.Scanned).OrderBy(e => e.At).Select(e => new { e.Kind, e.ActorName, e.Place }).ToListAsync());
        Assert.Equal([CustodyEventKind.HandedOver, CustodyEventKind.Received], kinds.Select(k => k.Kind));
        Assert.All(kinds, k => Assert.Equal("Priya Natarajan", k.ActorName));
        Assert.StartsWith("GreenCycle ITAD", kinds[1].Place);
    }

    [Fact]
    public async Task Only_the_buying_refurbisher_records_its_hand_over_or_receipt()
    {
        var lot = await app.PickupScheduledLotAsync();
        var otherRefurbisher = await BrowserClient.SignInAsync(app,
            await app.AddOrganizationWithUserAsync($"Evergreen Recyclers {Guid.NewGuid():N}", OrganizationKind.Refurbisher));
        var otherDistrict = await BrowserClient.SignInAsync(app, "district2@demo.k12");
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);
        var handOver = new Dictionary<string, string> { ["ReleasedBy"] = "Dana", ["CollectedBy"] = "Sam", ["Packages"] = "1" };

        Assert.Equal(HttpStatusCode.NotFound, (await otherRefurbisher.PostFormAsync("/", $"{lot.PurchaseUrl}/hand-over", handOver)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDistrict.PostFormAsync("/lots/new", $"{lot.LotUrl}/hand-over", handOver)).StatusCode);
        (await district.PostFormAsync(lot.LotUrl, $"{lot.PurchaseUrl}/hand-over", handOver)).AssertAccessDenied();
        Assert.Null((await FulfillmentAsync(lot.Id)).PickedUpAt);

        await app.PickUpAsync(lot);
        Assert.Equal(HttpStatusCode.NotFound, (await otherRefurbisher.PostFormAsync("/", $"{lot.PurchaseUrl}/received", [])).StatusCode);
        Assert.Null((await FulfillmentAsync(lot.Id)).ReceivedAt);
    }

    private static Dictionary<string, string> Window(DateOnly day) => new()
    {
        ["FirstWindowDay"] = Day(day), ["FirstWindowFrom"] = "08:00", ["FirstWindowTo"] = "10:00",
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Task<LotFulfillment> FulfillmentAsync(Guid lotId) =>
        app.WithDbAsync(db => db.LotFulfillments.AsNoTracking().SingleAsync(f => f.LotId == lotId));

    private Task<List<PickupWindowProposal>> WindowsAsync(Guid lotId) =>
        app.WithDbAsync(db => db.PickupWindowProposals.AsNoTracking()
            .Where(w => db.LotFulfillments.Any(f => f.Id == w.FulfillmentId && f.LotId == lotId)).OrderBy(w => w.Date).ThenBy(w => w.Starts).ToListAsync());

    /// <summary>The bodies of the e-mails queued with this subject (one per organization).</summary>
    private Task<List<string>> EmailsAsync(string subject) =>
        app.WithDbAsync(async db => (await QueuedEmails.WithSubjectAsync(db, subject)).Select(c => c.Body).ToList());

    private Task<List<(SendPickupReminder.Command Command, DateTimeOffset DueAt)>> RemindersAsync(Guid lotId) =>
        app.WithDbAsync(async db => (await db.OutboxMessages.AsNoTracking()
                .Where(m => m.Type == typeof(SendPickupReminder.Command).FullName && m.Payload.Contains(lotId.ToString())).OrderBy(m => m.CreatedAt)
                .Select(m => new { m.Payload, m.DueAt }).ToListAsync())
            .Select(m => (System.Text.Json.JsonSerializer.Deserialize<SendPickupReminder.Command>(m.Payload,
                new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!, m.DueAt))
            .ToList());
}
