using Marketplace.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.E2E;

/// <summary>The pages the two journeys do not pass through, opened by the people who use them and audited with axe-core.</summary>
public sealed class BackOfficePagesTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact(Timeout = 120_000)]
    public async Task Every_role_s_other_pages_are_accessible()
    {
        fixture.RequireBrowser();
        var checkpoints = new Checkpoints(output, "back-office");

        await using (var visitor = await UserSession.OpenAsync(fixture, checkpoints))
        {
            await visitor.Page.GotoAsync("/");
            await visitor.AuditAsync("home");
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
        }

        checkpoints.AssertAccessible();
    }
}
