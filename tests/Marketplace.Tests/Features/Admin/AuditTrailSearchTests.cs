using System.Net;
using System.Text;
using ClosedXML.Excel;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Lots;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Features.Admin;

public sealed class AuditTrailSearchApp : MarketplaceFactory;

/// <summary>Platform admins search the whole trail by organization, person, action, entity and period, and export what they found.</summary>
public sealed class AuditTrailSearchTests(AuditTrailSearchApp app) : IClassFixture<AuditTrailSearchApp>
{
    [Fact]
    public async Task An_admin_finds_a_serials_history_and_narrows_the_trail_by_organization_action_and_person()
    {
        var serial = $"5CDADM{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        var lotId = await app.SendAsAsync(LotJourneys.District, new CreateLot.Command("Admin search lot", null, null));
        await app.SendAsAsync(LotJourneys.District, new AddDevice.Command(lotId, serial, null, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.B, FunctionalStatus.Working));
        var device = await app.WithDbAsync(db => db.Devices.AsNoTracking().SingleAsync(d => d.Serial == serial));
        await app.SendAsAsync(LotJourneys.District, new EditDevice.Command(lotId, device.Id, DeviceDetails.From(device) with { Grade = CosmeticGrade.A }));
        var (lotNumber, cedarRidge) = await app.WithDbAsync(async db => (
            await db.Lots.Where(l => l.Id == lotId).Select(l => l.Number).SingleAsync(),
            await db.Organizations.Where(o => o.Name == "Cedar Ridge Unified School District").Select(o => o.Id).SingleAsync()));
        var admin = await BrowserClient.SignInAsync(app, "admin@demo.k12");

        var bySerial = await PageAsync(admin, $"/admin/audit?entity={serial.ToLowerInvariant()}");
        Assert.Contains("<strong>Add device</strong>", bySerial);
        Assert.Contains("<strong>Edit device</strong>", bySerial);
        Assert.Contains("Grade: B → A", bySerial);
        Assert.Contains("Maple Valley School District", bySerial);
        Assert.DoesNotContain("<strong>Create lot</strong>", bySerial);

        var byLot = await PageAsync(admin, $"/admin/audit?entity={lotNumber}");
        Assert.Contains("<strong>Create lot</strong>", byLot);
        Assert.Contains($"Device {serial} added", byLot);

        Assert.Contains("No activity recorded here yet.", await PageAsync(admin, $"/admin/audit?organization={cedarRidge}&entity={serial}"));
        var edits = await PageAsync(admin, $"/admin/audit?action=Lots.EditDevice&entity={serial}");
        Assert.Contains("<strong>Edit device</strong>", edits);
        Assert.DoesNotContain("<strong>Add device</strong>", edits);
        Assert.Contains("Grade: B → A", await PageAsync(admin, $"/admin/audit?person=DISTRICT%40demo&entity={serial}"));
        Assert.Contains("No activity recorded here yet.", await PageAsync(admin, $"/admin/audit?person=refurbisher&entity={serial}"));
        Assert.Contains("href=\"/admin/audit\"", await admin.GetPageAsync("/admin/organizations"));
    }

    [Fact]
    public async Task The_export_holds_the_filtered_trail_as_csv_and_excel_with_a_formula_looking_name_kept_as_text()
    {
        const string name = "=HYPERLINK(\"http://evil.example\",\"Dana\")";
        var email = await AddDistrictStaffAsync(name);
        await BrowserClient.SignInAsync(app, email);
        var admin = await BrowserClient.SignInAsync(app, "admin@demo.k12");
        var query = $"person={Uri.EscapeDataString(email)}&action=Account.SignIn";

        var csv = await admin.Http.GetAsync($"/admin/audit/export.csv?{query}");
        var xlsx = await admin.Http.GetAsync($"/admin/audit/export.xlsx?{query}");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\"When (UTC)\",\"Person\",\"Organization\"", lines[0]);
        var row = Assert.Single(lines[1..]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Dana\"\")\"", row);
        Assert.Contains("\"Signed in\"", row);
        Assert.Contains("Maple Valley School District", row);

        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.EndsWith(".xlsx", xlsx.Content.Headers.ContentDisposition!.FileNameStar ?? xlsx.Content.Headers.ContentDisposition.FileName);
        using var workbook = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheet("Audit trail");
        Assert.Equal("Person", sheet.Cell(1, 2).GetString());
        var person = sheet.Cell(2, 2);
        Assert.Equal(name, person.GetString());
        Assert.False(person.HasFormula);
        Assert.True(person.Style.IncludeQuotePrefix);
        Assert.Equal(XLDataType.Text, person.DataType);
        Assert.Equal("Signed in", sheet.Cell(2, 5).GetString());
        Assert.True(sheet.Cell(3, 1).IsEmpty());
    }

    [Fact]
    public async Task Search_values_that_do_not_read_are_ignored_instead_of_failing()
    {
        var admin = await BrowserClient.SignInAsync(app, "admin@demo.k12");

        foreach (var url in new[] { "/admin/audit", "/admin/audit/export.csv", "/admin/audit/export.xlsx" })
        {
            var response = await admin.Http.GetAsync($"{url}?organization=nope&from=2027-02-30&to=%3Cscript%3E&person=100%25_%5C&entity={new string('x', 5000)}&page=abc");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static async Task<string> PageAsync(BrowserClient browser, string url) => WebUtility.HtmlDecode(await browser.GetPageAsync(url));

    private async Task<string> AddDistrictStaffAsync(string displayName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var maple = await db.Organizations.SingleAsync(o => o.Name == DemoLots.District);
        var email = $"formula-{Guid.NewGuid():N}@maple-valley.test";
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, OrganizationId = maple.Id };
        Assert.True((await users.CreateAsync(user, DemoData.DefaultPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.DistrictInventory)).Succeeded);
        return email;
    }
}
