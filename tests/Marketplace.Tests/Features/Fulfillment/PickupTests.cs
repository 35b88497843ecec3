using System.Globalization;
using System.Net;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Fulfillment;

/// <summary>One app for the pickup tests: each test sells its own lot, so they do not see each other's data.</summary>
public sealed class FulfillmentApp : MarketplaceFactory;

public sealed class PickupTests(FulfillmentApp app) : IClassFixture<FulfillmentApp>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task The_district_schedules_the_pickup_of_a_paid_lot_and_the_buyer_is_told_now_and_reminded_the_day_before()
    {
        var lot = await app.PaidLotAsync();
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);
        var date = Today.AddDays(5);

        var page = await district.SubmitAsync(lot.LotUrl, $"{lot.LotUrl}/pickup", PickupForm(date));

        Assert.Contains($"Pickup scheduled for {date.ToString("dddd, MMMM d", CultureInfo.GetCultureInfo("en-US"))}", page);
        var fulfillment = await FulfillmentAsync(lot.Id);
        Assert.Equal((date, "1:00–3:00 pm", "Dana Whitfield, 425-555-0100"), (fulfillment.PickupDate, fulfillment.PickupWindow, fulfillment.PickupContact));
        Assert.Equal(LotStage.PickupScheduled, await app.StageAsync(lot.Id));
        var purchase = await (await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher)).GetPageAsync(lot.PurchaseUrl);
        Assert.Contains("1:00–3:00 pm", WebUtility.HtmlDecode(purchase));
        Assert.Contains($"action=\"{lot.PurchaseUrl}/picked-up\"", purchase);

        var emails = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Type == typeof(SendEmail.Command).FullName && m.Payload.Contains(lot.Number))
            .Select(m => new { m.Payload, m.DueAt, m.CreatedAt }).ToListAsync());
        var notice = Assert.Single(emails, e => e.Payload.Contains($"Pickup scheduled for lot {lot.Number}"));
        var reminder = Assert.Single(emails, e => e.Payload.Contains($"Reminder: pickup tomorrow for lot {lot.Number}"));
        Assert.Equal(notice.CreatedAt, notice.DueAt);
        Assert.Equal(new DateTimeOffset(date.AddDays(-1).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero), reminder.DueAt);
    }

    [Fact]
    public async Task A_pickup_cannot_be_scheduled_before_the_buyer_has_paid()
    {
        var lot = await app.AwardedLotAsync();
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);

        var response = await district.PostFormAsync(lot.LotUrl, $"{lot.LotUrl}/pickup", PickupForm(Today.AddDays(3)));

        Assert.Equal("A pickup can be scheduled once the buyer has paid.", await district.RefusalAsync(response));
        Assert.False(await app.WithDbAsync(db => db.LotFulfillments.AnyAsync(f => f.LotId == lot.Id)));
        Assert.Equal(LotStage.Awarded, await app.StageAsync(lot.Id));
    }

    [Fact]
    public async Task A_pickup_cannot_be_scheduled_in_the_past()
    {
        var lot = await app.PaidLotAsync();
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);

        var response = await district.PostFormAsync(lot.LotUrl, $"{lot.LotUrl}/pickup", PickupForm(Today.AddDays(-1)));

        Assert.Equal("The pickup date cannot be in the past.", await district.RefusalAsync(response));
        Assert.Null((await FulfillmentAsync(lot.Id)).PickupDate);
        Assert.Equal(LotStage.Paid, await app.StageAsync(lot.Id));
    }

    [Fact]
    public async Task A_pickup_without_a_window_or_a_contact_is_sent_back_with_what_is_missing()
    {
        var lot = await app.PaidLotAsync();
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);

        var response = await district.PostFormAsync(lot.LotUrl, $"{lot.LotUrl}/pickup", new()
        {
            ["Date"] = Today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Window"] = " ", ["Contact"] = "",
        });

        Assert.Equal("Choose a pickup window. Name who meets the driver and how to reach them.", await district.RefusalAsync(response));
        Assert.Null((await FulfillmentAsync(lot.Id)).PickupDate);
    }

    [Fact]
    public async Task Only_the_district_that_owns_the_lot_schedules_its_pickup()
    {
        var lot = await app.PaidLotAsync();
        var otherDistrict = await BrowserClient.SignInAsync(app, "district2@demo.k12");
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var byOtherDistrict = await otherDistrict.PostFormAsync("/lots/new", $"{lot.LotUrl}/pickup", PickupForm(Today.AddDays(3)));
        var byBuyer = await buyer.PostFormAsync(lot.PurchaseUrl, $"{lot.LotUrl}/pickup", PickupForm(Today.AddDays(3)));

        Assert.Equal(HttpStatusCode.NotFound, byOtherDistrict.StatusCode);
        byBuyer.AssertAccessDenied();
        Assert.Null((await FulfillmentAsync(lot.Id)).PickupDate);
    }

    [Fact]
    public async Task The_buyer_marks_the_lot_picked_up_and_then_received()
    {
        var lot = await app.PickupScheduledLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var inTransit = await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/picked-up");

        Assert.Contains("Marked as picked up.", inTransit);
        Assert.Contains($"action=\"{lot.PurchaseUrl}/received\"", inTransit);
        Assert.Equal(LotStage.InTransit, await app.StageAsync(lot.Id));

        var received = await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/received");

        Assert.Contains("Marked as received.", received);
        Assert.Contains($"action=\"{lot.PurchaseUrl}/sanitization\"", received);
        Assert.Equal(LotStage.Received, await app.StageAsync(lot.Id));
        var fulfillment = await FulfillmentAsync(lot.Id);
        Assert.NotNull(fulfillment.PickedUpAt);
        Assert.True(fulfillment.ReceivedAt >= fulfillment.PickedUpAt);
    }

    [Fact]
    public async Task A_lot_is_not_picked_up_before_its_pickup_is_scheduled_nor_received_before_it_is_picked_up()
    {
        var lot = await app.PaidLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var pickedUpTooSoon = await buyer.RefusalAsync(await buyer.PostFormAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/picked-up", []));
        var receivedTooSoon = await buyer.RefusalAsync(await buyer.PostFormAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/received", []));

        Assert.Equal("Only a lot with a scheduled pickup can be picked up.", pickedUpTooSoon);
        Assert.Equal("Only a lot in transit can be received: mark it picked up first.", receivedTooSoon);
        var fulfillment = await FulfillmentAsync(lot.Id);
        Assert.Equal((null, null), (fulfillment.PickedUpAt, fulfillment.ReceivedAt));
        Assert.Equal(LotStage.Paid, await app.StageAsync(lot.Id));
    }

    [Fact]
    public async Task A_lot_is_picked_up_and_received_once_and_cannot_be_rescheduled_after_it_left()
    {
        var lot = await app.ReceivedLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);
        var before = await FulfillmentAsync(lot.Id);

        var pickedUpAgain = await buyer.RefusalAsync(await buyer.PostFormAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/picked-up", []));
        var receivedAgain = await buyer.RefusalAsync(await buyer.PostFormAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/received", []));
        var rescheduled = await district.RefusalAsync(await district.PostFormAsync(lot.LotUrl, $"{lot.LotUrl}/pickup", PickupForm(Today.AddDays(9))));

        Assert.Equal("The lot has already been picked up.", pickedUpAgain);
        Assert.Equal("The lot has already been received.", receivedAgain);
        Assert.Equal("The lot has already been picked up.", rescheduled);
        var after = await FulfillmentAsync(lot.Id);
        Assert.Equal((before.PickupDate, before.PickedUpAt, before.ReceivedAt), (after.PickupDate, after.PickedUpAt, after.ReceivedAt));
    }

    [Fact]
    public async Task Only_the_buying_refurbisher_marks_the_lot_picked_up_or_received()
    {
        var lot = await app.PickupScheduledLotAsync();
        var otherRefurbisher = await BrowserClient.SignInAsync(app,
            await app.AddOrganizationWithUserAsync($"Evergreen Recyclers {Guid.NewGuid():N}", OrganizationKind.Refurbisher));
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);

        var byOtherRefurbisher = await otherRefurbisher.PostFormAsync("/", $"{lot.PurchaseUrl}/picked-up", []);
        var byDistrict = await district.PostFormAsync(lot.LotUrl, $"{lot.PurchaseUrl}/picked-up", []);

        Assert.Equal(HttpStatusCode.NotFound, byOtherRefurbisher.StatusCode);
        byDistrict.AssertAccessDenied();
        Assert.Null((await FulfillmentAsync(lot.Id)).PickedUpAt);

        await app.SendAsAsync(LotJourneys.Refurbisher, new Marketplace.Web.Features.Fulfillment.MarkPickedUp.Command(lot.Id));
        var receivedByOther = await otherRefurbisher.PostFormAsync("/", $"{lot.PurchaseUrl}/received", []);

        Assert.Equal(HttpStatusCode.NotFound, receivedByOther.StatusCode);
        Assert.Null((await FulfillmentAsync(lot.Id)).ReceivedAt);
        Assert.Equal(LotStage.InTransit, await app.StageAsync(lot.Id));
    }

    private static Dictionary<string, string> PickupForm(DateOnly date) => new()
    {
        ["Date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Window"] = "1:00–3:00 pm", ["Contact"] = "Dana Whitfield, 425-555-0100",
    };

    private Task<LotFulfillment> FulfillmentAsync(Guid lotId) =>
        app.WithDbAsync(db => db.LotFulfillments.AsNoTracking().SingleAsync(f => f.LotId == lotId));
}
