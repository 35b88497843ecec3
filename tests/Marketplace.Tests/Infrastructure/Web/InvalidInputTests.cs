using Marketplace.Tests.Features.Lots;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Storefront;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Infrastructure.Web;

/// <summary>
/// Values that do not bind (or bind but make no sense) are refused with the field and the value named, and nothing is
/// saved: before, each one was silently replaced by the parameter's default and confirmed with a success message.
/// </summary>
public sealed class InvalidInputTests(LoggedMarketplaceFactory app) : IClassFixture<LoggedMarketplaceFactory>
{
    [Theory]
    [InlineData("Category", "99", "Category: \"99\" is not one of the choices (Chromebook, WindowsLaptop, MacBook, Tablet, Desktop, Other).")]
    [InlineData("Category", "abc", "Category: \"abc\" is not one of the choices")]
    [InlineData("Grade", "7", "Grade: \"7\" is not one of the choices (A, B, C, D).")]
    [InlineData("Functional", "Smashed", "Functional: \"Smashed\" is not one of the choices")]
    public async Task A_device_category_grade_or_function_out_of_range_is_refused_naming_field_and_value_and_not_saved(string field, string value, string refusal)
    {
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);
        var lotUrl = (await district.PostFormAsync("/lots/new", "/lots/new", new() { ["Title"] = "Returned carts" })).Headers.Location!.OriginalString;
        var lotId = Guid.Parse(lotUrl[(lotUrl.LastIndexOf('/') + 1)..]);
        var device = new Dictionary<string, string>
        {
            ["Serial"] = "5CD0417XYZ", ["Category"] = "Chromebook", ["Manufacturer"] = "Dell", ["Model"] = "Chromebook 3100", ["Grade"] = "A", ["Functional"] = "Working",
            [field] = value,
        };

        var response = await district.PostFormAsync(lotUrl, $"{lotUrl}/devices", device);

        Assert.StartsWith(refusal, await district.RefusalAsync(response));
        Assert.False(await app.WithDbAsync(db => db.Devices.AnyAsync(d => d.LotId == lotId)));
        app.AssertNoFailures();
    }

    [Fact]
    public async Task A_control_character_in_a_text_field_is_refused_naming_the_field_and_nothing_is_saved()
    {
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);

        var response = await district.PostFormAsync("/lots/new", "/lots/new", new() { ["Title"] = "Library\u0007laptops", ["Description"] = "Line one\r\nline two\twith a tab" });

        Assert.Equal("Title: \"Library[U+0007]laptops\" contains the control character U+0007, which no field accepts; remove it.", await district.RefusalAsync(response));
        Assert.False(await app.WithDbAsync(db => db.Lots.AnyAsync(l => l.Title.StartsWith("Library"))));
        app.AssertNoFailures();
    }

    [Fact]
    public async Task An_auto_update_expiration_years_away_is_refused_naming_the_month()
    {
        var admin = await BrowserClient.SignInAsync(app, "admin@demo.k12");

        var response = await admin.PostFormAsync("/admin/models", "/admin/models", new()
        {
            ["name"] = "Lenovo 100e Gen 9", ["manufacturer"] = "Lenovo", ["category"] = "Chromebook", ["aue"] = "9999-12", ["basePrice"] = "90",
        });

        Assert.Equal("Auto Update Expiration: 9999-12 is not a month between 2010 and 2045.", await admin.RefusalAsync(response));
        Assert.False(await app.WithDbAsync(db => db.DeviceModels.AnyAsync(m => m.Name == "Lenovo 100e Gen 9")));
        app.AssertNoFailures();
    }

    [Fact]
    public async Task Marking_an_invoice_paid_with_an_unknown_method_is_refused_and_the_invoice_stays_open()
    {
        var lot = await app.AwardedLotAsync();
        var finance = await BrowserClient.SignInAsync(app, LotJourneys.Finance);

        var response = await finance.PostFormAsync("/finance/invoices", $"/finance/invoices/{lot.InvoiceId}/paid", new() { ["method"] = "99", ["reference"] = "CHK-1001" });

        Assert.StartsWith("Method: \"99\" is not one of the choices (PurchaseOrder, Card, Ach, Check, Wire).", await finance.RefusalAsync(response));
        Assert.Equal(InvoiceStatus.Open, await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == lot.InvoiceId).Select(i => i.Status).SingleAsync()));
        app.AssertNoFailures();
    }

    [Fact]
    public async Task A_checkout_by_cash_is_refused_and_places_no_order()
    {
        var (school, organizationId) = await SchoolWithCartAsync();

        var response = await school.PostFormAsync("/store/checkout", "/store/checkout", new()
        {
            ["Method"] = "Cash", ["PurchaseOrderNumber"] = "PO-1", ["ShipToSiteId"] = await school.ShipToSiteAsync(),
        });

        Assert.StartsWith("Method: \"Cash\" is not one of the choices (PurchaseOrder, Card, Ach, Check, Wire).", await school.RefusalAsync(response));
        Assert.False(await app.WithDbAsync(db => db.Orders.AnyAsync(o => o.BuyerId == organizationId)));
        app.AssertNoFailures();
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("abc")]
    public async Task A_cart_quantity_that_is_not_a_whole_number_in_range_is_refused_instead_of_becoming_1(string quantity)
    {
        var listingId = await ListingAsync();
        var school = await BrowserClient.SignInAsync(app, await NewSchoolAsync());

        var response = await school.PostFormAsync($"/store/listings/{listingId}", "/store/cart", new() { ["listingId"] = listingId.ToString(), ["quantity"] = quantity });

        Assert.Equal($"Quantity: \"{quantity}\" is not a whole number in range.", await school.RefusalAsync(response));
        Assert.False(await app.WithDbAsync(db => db.CartItems.AnyAsync(c => c.ListingId == listingId)));
        app.AssertNoFailures();
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public async Task A_base_price_that_is_not_a_number_is_refused_instead_of_saved_empty(string price)
    {
        var admin = await BrowserClient.SignInAsync(app, "admin@demo.k12");
        var name = $"Acer Chromebook 314 {price}";

        var response = await admin.PostFormAsync("/admin/models", "/admin/models", new()
        {
            ["name"] = name, ["manufacturer"] = "Acer", ["category"] = "Chromebook", ["aue"] = "2031-06", ["basePrice"] = price,
        });

        Assert.Equal($"Base price: \"{price}\" is not a number.", await admin.RefusalAsync(response));
        Assert.False(await app.WithDbAsync(db => db.DeviceModels.AnyAsync(m => m.Name == name)));
        app.AssertNoFailures();
    }

    [Theory]
    [InlineData("9999-12-31", "The pickup date 9999-12-31 is more than a year ahead; choose a day within the next year.")]
    [InlineData("2027-02-30", "First window day: \"2027-02-30\" is not a date (YYYY-MM-DD).")]
    public async Task A_pickup_date_that_is_impossible_or_years_away_is_refused_with_its_own_reason(string date, string refusal)
    {
        var lot = await app.PaidLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var response = await buyer.PostFormAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/pickup/windows", new()
        {
            ["FirstWindowDay"] = date, ["FirstWindowFrom"] = "13:00", ["FirstWindowTo"] = "15:00",
        });

        Assert.Equal(refusal, await buyer.RefusalAsync(response));
        Assert.False(await app.WithDbAsync(db => db.PickupWindowProposals.AnyAsync(w => db.LotFulfillments.Any(f => f.Id == w.FulfillmentId && f.LotId == lot.Id))));
        app.AssertNoFailures();
    }

    private Task<Guid> ListingAsync() =>
        app.SendAsAsync(LotJourneys.Refurbisher, StockListings.Command($"Dell Chromebook 3110 {Guid.NewGuid():N}"[..30], "Refurbished, charger included.",
            DeviceCategory.Chromebook, CosmeticGrade.A, 120m, 10, 12));

    private Task<string> NewSchoolAsync() =>
        app.AddOrganizationWithUserAsync($"Pinewood Middle School {Guid.NewGuid():N}", OrganizationKind.School);

    private async Task<(BrowserClient School, Guid OrganizationId)> SchoolWithCartAsync()
    {
        var email = await NewSchoolAsync();
        await app.SendAsAsync(email, new AddToCart.Command(await ListingAsync(), 2));
        var organizationId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.OrganizationId).SingleAsync());
        return (await BrowserClient.SignInAsync(app, email), organizationId);
    }
}
