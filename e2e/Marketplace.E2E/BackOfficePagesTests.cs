using Marketplace.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.E2E;

/// <summary>The pages the two journeys do not pass through, opened by the people who use them and audited with axe-core.</summary>
public sealed class BackOfficePagesTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact(Timeout = 240_000)]
    public async Task Every_role_s_other_pages_are_accessible()
    {
        fixture.RequireBrowser();
        var checkpoints = new Checkpoints(output, "back-office");

        await using (var visitor = await UserSession.OpenAsync(fixture, checkpoints))
        {
            await visitor.Page.GotoAsync("/");
            await visitor.AuditAsync("home");
            await visitor.NavigateAsync("How it works");
            await Expect(visitor.Page.GetByRole(AriaRole.Heading, new() { Name = "How it works", Level = 1 })).ToBeVisibleAsync();
            await visitor.AuditAsync("how it works");
            var missing = await visitor.Page.GotoAsync("/no/such/page");
            Assert.Equal(404, missing!.Status);
            await visitor.AuditAsync("not found");
        }

        await using (var admin = await UserSession.OpenAsync(fixture, checkpoints))
        {
            await admin.SignInAsync("admin@demo.k12");
            foreach (var (url, name) in new[] { ("/admin", "admin organizations"), ("/admin/models", "admin device models"), ("/admin/emails", "admin e-mail log"), ("/admin/outbox", "admin outbox") })
            {
                await admin.Page.GotoAsync(url);
                await admin.AuditAsync(name);
            }

            await Expect(admin.Page.GetByRole(AriaRole.Heading, new() { Name = "Admin" })).ToBeVisibleAsync();
        }

        await using (var finance = await UserSession.OpenAsync(fixture, checkpoints))
        {
            await finance.SignInAsync("finance@demo.k12");
            foreach (var (url, name) in new[] { ("/finance/ledger", "finance ledger"), ("/finance/payouts", "finance payouts"), ("/finance/invoices?status=", "finance all invoices") })
            {
                await finance.Page.GotoAsync(url);
                await finance.AuditAsync(name);
            }
        }

        await using (var refurbisher = await UserSession.OpenAsync(fixture, checkpoints))
        {
            await refurbisher.SignInAsync("refurbisher@demo.k12");
            await refurbisher.NavigateAsync("My storefront");
            await refurbisher.AuditAsync("refurbisher listings");
            await refurbisher.ClickLinkAsync("New listing");
            await refurbisher.AuditAsync("new listing");
            await refurbisher.Page.GotoAsync("/finance");
            await refurbisher.AuditAsync("access denied");
        }

        await using (var school = await UserSession.OpenAsync(fixture, checkpoints))
        {
            await school.SignInAsync("school@demo.k12");
            await school.Page.GotoAsync("/store/orders");
            await school.AuditAsync("school orders (empty)");
            await school.Page.GotoAsync("/store/cart");
            await school.AuditAsync("school cart (empty)");

            // An unpaid order can be cancelled from its page, and its devices go back on sale.
            await school.Page.GotoAsync("/store");
            await school.ClickLinkAsync("HP ProBook 440 G8 (refurbished)");
            await school.ClickButtonAsync("Add to cart");
            await school.ClickLinkAsync("Check out");
            await school.FillAsync("Purchase order number", "LES-2026-CANCEL");
            await school.Page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Place order") }).ClickAsync();
            await school.ExpectFlashAsync("Order placed");
            await school.AuditAsync("order (awaiting payment)");
            await school.ClickButtonAsync("Cancel order");
            await school.ExpectFlashAsync("Order cancelled");
            Assert.StartsWith("Cancel order ORD-", school.LastDialog);
            await Expect(school.Page.GetByText("Cancelled before payment")).ToBeVisibleAsync();
            await school.AuditAsync("order (cancelled)");
        }

        await using (var district = await UserSession.OpenAsync(fixture, checkpoints))
        {
            // One device corrected on its own page.
            await district.SignInAsync("district@demo.k12");
            await district.ClickLinkAsync("New lot");
            await district.FillAsync("Title", "Library returns – single device edits");
            await district.ClickButtonAsync("Create lot");
            await district.FillAsync("Serial number", "5CD0999EDT");
            await district.FillAsync("Model", "Chromebook 3100");
            await district.SelectAsync("Funding source", "E-rate");
            await district.ClickButtonAsync("Add device");
            await district.ExpectFlashAsync("Added serial 5CD0999EDT");
            await district.Page.GetByRole(AriaRole.Link, new() { Name = "Edit serial 5CD0999EDT" }).ClickAsync();
            await district.AuditAsync("edit device");
            await district.FillAsync("Purchase date", "2999-01-01");
            await district.FillAsync("Battery health (%)", "88");
            await district.ClickButtonAsync("Save device");
            await district.ExpectErrorAsync("Purchase date: a date between 1990 and today.");
            await Expect(district.Page.GetByLabel("Battery health (%)", new() { Exact = true })).ToHaveValueAsync("88");
            await district.AuditAsync("edit device (refused, values kept)");
            await district.FillAsync("Purchase date", "2018-08-15");
            await district.ClickButtonAsync("Save device");
            await district.ExpectFlashAsync("Device updated.");
        }

        checkpoints.AssertAccessible();
    }
}
