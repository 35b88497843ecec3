using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.E2E;

/// <summary>
/// A refurbisher nobody knows yet joins the marketplace: it signs up, confirms its address, uploads its W-9 and R2v3
/// certificate, a platform admin approves them and verifies it, its admin invites a technician, it wins a lot, and the
/// technician collects and wipes the devices. The district then reads, on the lot's activity, who did each step.
/// </summary>
public sealed partial class OrganizationJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Company = "Cascade Circuit Recovery LLC";
    private const string Owner = "Rowan Okafor";
    private const string Technician = "Mei Lindqvist";
    private const string Password = "Cascade-circuit-2026!";

    private static readonly string[] Serials = ["NXGVJAA0042", "NXGVJAA0043"];

    /// <summary>A small but well-formed PDF, as a scanned certificate would be uploaded (the app checks the content, not the name).</summary>
    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    [Fact(Timeout = 300_000)]
    public async Task A_new_refurbisher_is_verified_invites_a_technician_and_the_district_sees_who_did_each_step()
    {
        fixture.RequireBrowser();
        var checkpoints = new Checkpoints(output, "organization-journey");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var ownerEmail = $"rowan.{suffix}@cascadecircuit.test";
        var technicianEmail = $"mei.{suffix}@cascadecircuit.test";
        var lotTitle = $"Library Chromebooks {suffix} – Tahoma Middle";

        // 1. The refurbisher signs up and confirms its address from the e-mail.
        await using var owner = await UserSession.OpenAsync(fixture, checkpoints);
        await owner.Page.GotoAsync("/signup");
        await owner.AuditAsync("sign up");
        await owner.SelectAsync("Kind of organization", "Refurbisher or ITAD vendor");
        await owner.FillAsync("Legal name", Company);
        await owner.FillAsync("Street address", "4410 S Pine St");
        await owner.FillAsync("City", "Tacoma");
        await owner.FillAsync("State", "WA");
        await owner.FillAsync("ZIP code", "98409");
        await owner.FillAsync("Contact phone", "(253) 555-0177");
        await owner.FillAsync("EIN", "91-2204417");
        await owner.FillAsync("Your name", Owner);
        await owner.FillAsync("Work e-mail", ownerEmail);
        await owner.FillAsync("Password", Password);
        await owner.ClickButtonAsync("Sign up");
        await Expect(owner.Page.GetByRole(AriaRole.Heading, new() { Name = "Check your e-mail" })).ToBeVisibleAsync();
        await owner.AuditAsync("check your e-mail");
        await owner.Page.GotoAsync(await Mailbox.LinkAsync(fixture.Server, ownerEmail, ConfirmationLink()));
        await Expect(owner.Page.GetByText("Your e-mail address is confirmed")).ToBeVisibleAsync();
        await owner.AuditAsync("e-mail confirmed");
        await owner.StepAsync(1, "signed-up");

        // 2. Unverified, it may look but not quote; it uploads the documents the refusal names.
        await owner.SignInAsync(ownerEmail, Password);
        await Expect(owner.Page.GetByText("Your organization is not verified yet")).ToBeVisibleAsync();
        await owner.AuditAsync("market (unverified)");
        await owner.Page.GetByRole(AriaRole.Status).GetByRole(AriaRole.Link, new() { Name = "Organization documents" }).ClickAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Heading, new() { Name = "Organization documents", Level = 1 })).ToBeVisibleAsync();
        await owner.AuditAsync("documents (none)");
        var today = DateTime.Today;
        await UploadAsync(owner, "W9", "91-2204417", $"{Owner}, Owner", today.AddDays(-3), null, "w9-cascade-circuit.pdf");
        await owner.ExpectFlashAsync("Your W-9 was uploaded");
        await UploadAsync(owner, "R2v3", "R2V3-2026-3319", "SERI", today.AddMonths(-5), today.AddYears(2), "r2v3-cascade-circuit.pdf");
        await owner.ExpectFlashAsync("Your R2v3 was uploaded");
        var needs = owner.Page.GetByRole(AriaRole.Region, new() { Name = "What your organization needs" });
        await Expect(needs.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "R2v3, e-Stewards or NAID AAA" })).ToContainTextAsync("Waiting for review");
        await owner.AuditAsync("documents (waiting for review)");
        await owner.StepAsync(2, "documents-uploaded");

        // 3. A platform admin reviews the application: approves both documents, then verifies the organization.
        await using (var admin = await UserSession.OpenAsync(fixture, checkpoints))
        {
            await admin.SignInAsync("admin@demo.k12");
            await admin.Page.GotoAsync("/admin/organizations");
            await admin.AuditAsync("review queue");
            await admin.ClickLinkAsync(Company);
            await Expect(admin.Page.GetByRole(AriaRole.Heading, new() { Name = Company })).ToBeVisibleAsync();
            await admin.AuditAsync("application");
            await admin.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Approve the W-9") }).ClickAsync();
            await Expect(admin.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Approve the W-9") })).ToHaveCountAsync(0);
            await admin.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Approve the R2v3") }).ClickAsync();
            await Expect(admin.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Approve the R2v3") })).ToHaveCountAsync(0);
            await admin.ClickButtonAsync("Verify the organization");
            await admin.ExpectFlashAsync("Organization verified");
            await admin.AuditAsync("application (verified)");
            await admin.StepAsync(3, "verified");
        }

        // 4. Its admin invites a technician, who joins from the e-mailed link.
        await owner.ClickButtonAsync("Organization");
        await owner.Page.GetByRole(AriaRole.Link, new() { Name = "People", Exact = true }).ClickAsync();
        await owner.FillAsync("E-mail", technicianEmail);
        await owner.Page.GetByLabel("Technician (pickup, receiving, sanitization)").CheckAsync();
        await owner.ClickButtonAsync("Send invitation");
        await owner.ExpectFlashAsync($"An invitation is on its way to {technicianEmail}");

        await using var technician = await UserSession.OpenAsync(fixture, checkpoints);
        await technician.Page.GotoAsync(await Mailbox.LinkAsync(fixture.Server, technicianEmail, PeopleAndSecurityTests.InvitationLink()));
        await Expect(technician.Page.GetByRole(AriaRole.Heading, new() { Name = $"Join {Company}" })).ToBeVisibleAsync();
        await technician.FillAsync("Your name", Technician);
        await technician.FillAsync("Choose a password", Password);
        await technician.FillAsync("The same password again", Password);
        await technician.ClickButtonAsync("Accept and make my account");
        await technician.ExpectFlashAsync($"Welcome, {Technician}.");
        await technician.StepAsync(4, "technician-joined");

        // 5. A district lists two Chromebooks; the new refurbisher, now verified and certified, quotes and wins.
        await using var district = await UserSession.OpenAsync(fixture, checkpoints);
        await district.SignInAsync("district@demo.k12");
        await district.ClickLinkAsync("New lot");
        await district.FillAsync("Title", lotTitle);
        await district.FillAsync("Pickup address", "Receiving, 23015 SE 216th Way, Maple Valley, WA 98038");
        await district.ClickButtonAsync("Create lot");
        await district.ExpectFlashAsync("Lot created");
        foreach (var serial in Serials)
        {
            await district.FillAsync("Serial number", serial);
            await district.FillAsync("Manufacturer", "Lenovo");
            await district.FillAsync("Model", "100e Chromebook Gen 3");
            await district.SelectAsync("Cosmetic grade", "B");
            await district.ClickButtonAsync("Add device");
            await district.ExpectFlashAsync($"Added serial {serial}");
        }

        await district.ClickButtonAsync("List for sale");
        await ExpectLotStatusAsync(district, "Listed");
        var lotNumber = (await district.Page.Locator("h1 + .text-muted .mono").InnerTextAsync()).Trim();
        var lotUrl = district.Page.Url;

        await owner.NavigateAsync("Lot marketplace");
        await Expect(owner.Page.GetByText("Your organization is not verified yet")).ToHaveCountAsync(0);
        await RowWith(owner.Page, lotTitle).GetByRole(AriaRole.Link, new() { Name = lotNumber }).ClickAsync();
        await owner.FillAsync("Amount (USD)", "180");
        await owner.ClickButtonAsync("Submit quote");
        await owner.ExpectFlashAsync("Your quote of");
        await owner.AuditAsync("market lot (quoted by the new refurbisher)");

        await district.Page.ReloadAsync();
        await district.Page.GetByRole(AriaRole.Button, new() { Name = $"Accept quote from {Company}" }).ClickAsync();
        await district.ExpectFlashAsync("Quote accepted");
        await ExpectLotStatusAsync(district, "Awarded");

        await owner.NavigateAsync("Lot marketplace");
        await RowWith(owner.Page, lotTitle).GetByRole(AriaRole.Link, new() { Name = lotNumber }).ClickAsync();
        await Expect(owner.Page).ToHaveURLAsync(new Regex("/purchases/[0-9a-f-]{36}$"));
        var purchaseUrl = owner.Page.Url;
        await owner.FillAsync("Purchase order number", $"PO-CCR-{suffix}");
        await owner.ClickButtonAsync("Pay by purchase order");
        await owner.ExpectFlashAsync("Purchase order recorded");
        await owner.StepAsync(5, "lot-won");

        await using (var finance = await UserSession.OpenAsync(fixture, checkpoints))
        {
            await finance.SignInAsync("finance@demo.k12");
            await finance.Page.GotoAsync("/finance/invoices");
            var invoice = RowWith(finance.Page, lotNumber);
            await invoice.GetByLabel(new Regex("^Method for")).SelectOptionAsync(new SelectOptionValue { Label = "ACH" });
            await invoice.GetByLabel(new Regex("^Payment reference for")).FillAsync($"ACH-{suffix}");
            await invoice.GetByRole(AriaRole.Button, new() { Name = "Mark paid" }).ClickAsync();
            await finance.ExpectFlashAsync("Payment recorded");
        }

        await owner.Page.ReloadAsync();
        await owner.FillAsync("Window 1: day", DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await owner.FillAsync("Window 1: from", "10:00");
        await owner.FillAsync("Window 1: to", "12:00");
        await owner.ClickButtonAsync("Propose windows");
        await owner.ExpectFlashAsync("1 pickup window proposed");

        await district.Page.ReloadAsync();
        await ExpectLotStatusAsync(district, "Paid");
        await district.FillAsync("Dock, door or room", "Receiving door 3");
        await district.FillAsync("On-site contact", "Dana Whitfield, (425) 555-0142");
        await district.FillAsync("Boxes or pallets", "1");
        await district.ClickButtonAsync("Confirm pickup window");
        await district.ExpectFlashAsync("Pickup confirmed for");

        // 6. The technician, who cannot pay or quote, collects, receives and wipes the devices.
        await technician.Page.GotoAsync(purchaseUrl);
        await Expect(technician.Page.GetByRole(AriaRole.Heading, new() { Name = lotTitle })).ToBeVisibleAsync();
        await technician.AuditAsync("purchase (technician)");
        await technician.FillAsync("Released by (district)", "Dana Whitfield");
        await technician.ClickButtonAsync("Record hand-over");
        await technician.ExpectFlashAsync("Hand-over recorded");
        await technician.ScanAsync($"{new Uri(purchaseUrl).AbsolutePath}/scan", Serials, Serials.Length);
        await technician.Page.GotoAsync(purchaseUrl);
        await technician.ClickButtonAsync("Finish receiving");
        await technician.ExpectFlashAsync("Receiving finished and reconciled");
        await technician.RecordOneMediumEachAsync(Serials, Technician);

        await technician.AuditAsync("purchase (sanitized by the technician)");
        await technician.StepAsync(6, "technician-sanitized");

        // The owner, a second person, validates each record and re-checks the sample: the technician cannot validate their own work.
        await owner.Page.GotoAsync(purchaseUrl);
        await owner.ValidateAndPassQualityControlAsync(Owner, Serials.Length);
        await owner.AuditAsync("purchase (validated by the owner)");

        // 7. The district reads who did each step on the lot's activity.
        await district.Page.GotoAsync(lotUrl);
        await district.ClickLinkAsync("Who did what to this lot and its devices");
        await Expect(district.Page.GetByRole(AriaRole.Heading, new() { Name = $"Activity of lot {lotNumber}" })).ToBeVisibleAsync();
        // The proof the technician recorded lets the background jobs certify the lot and release the district's funds;
        // waiting for that also leaves nothing of this journey running when the next one starts.
        await district.ReloadUntilVisibleAsync(RowsFor(district.Page, "Release district funds").First, "the funds released after the certificate");
        await district.AuditAsync("lot activity");
        await Expect(RowsFor(district.Page, "Issue certificate").First).ToBeVisibleAsync();
        await ExpectStepByAsync(district, "Submit quote", Owner, Company);
        await ExpectStepByAsync(district, "Pay by purchase order", Owner, Company);
        await ExpectStepByAsync(district, "Record hand over", Technician, Company);
        await ExpectStepByAsync(district, "Mark received", Technician, Company);
        // Each medium recorded by the technician and validated by a second person, the owner (the list pages by date, newest first).
        await ExpectStepByAsync(district, "Record sanitization", Technician, Company);
        await ExpectStepByAsync(district, "Validate sanitization", Owner, Company);
        await ExpectStepByAsync(district, "Accept quote", "Dana Whitfield", "Maple Valley School District");
        await district.StepAsync(7, "district-reads-activity");

        checkpoints.AssertAccessible();
    }

    private static async Task UploadAsync(UserSession session, string kind, string number, string issuer, DateTime issuedOn, DateTime? expiresOn, string fileName)
    {
        await session.Page.GetByLabel("Document", new() { Exact = true }).SelectOptionAsync(kind);
        await session.FillAsync("Number", number);
        await session.FillAsync("Issued by", issuer);
        await session.FillAsync("Issued on", issuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await session.FillAsync("Expires on", expiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
        await session.Page.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = Pdf });
        await session.ClickButtonAsync("Upload for review");
    }

    private static ILocator RowsFor(IPage page, string what) =>
        page.GetByTestId("audit-trail").GetByRole(AriaRole.Row).Filter(new() { Has = page.Locator("strong", new() { HasTextRegex = new Regex($"^{Regex.Escape(what)}$") }) });

    private static async Task ExpectStepByAsync(UserSession session, string what, string person, string organization)
    {
        var row = RowsFor(session.Page, what);
        await Expect(row.First).ToBeVisibleAsync();
        await Expect(row.First.GetByRole(AriaRole.Cell).Nth(1)).ToContainTextAsync(person);
        await Expect(row.First.GetByRole(AriaRole.Cell).Nth(1)).ToContainTextAsync(organization);
    }

    private static ILocator RowWith(IPage page, string text) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = text });

    private static Task ExpectLotStatusAsync(UserSession session, string status) =>
        Expect(session.Page.Locator("h1 + .text-muted .badge")).ToHaveTextAsync(status);

    [GeneratedRegex(@"https?://\S+/account/confirm-email\?user=[0-9a-f-]+&token=\S+")]
    private static partial Regex ConfirmationLink();
}
