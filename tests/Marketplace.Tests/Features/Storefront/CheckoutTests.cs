using System.Globalization;
using System.Net;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Admin;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Storefront;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Marketplace.Tests.Features.Storefront;

/// <summary>
/// Checkout the way schools and districts buy: to one of their managed sites, with sales tax from the ship-to state's rate
/// or none on a tax-exempt certificate, and a confirmation e-mail carrying the invoice.
/// </summary>
public sealed class CheckoutTests : IAsyncLifetime
{
    private const string School = "school@demo.k12";
    private const string District = LotJourneys.District;
    private const string Admin = "admin@demo.k12";
    private static readonly Uri OrdersUrl = new("http://marketplace.test/store/orders/");
    private LocalStripeServer _stripe = null!;

    public async ValueTask InitializeAsync() => _stripe = await LocalStripeServer.StartAsync();

    public ValueTask DisposeAsync() => _stripe.DisposeAsync();

    [Fact]
    public async Task A_school_with_an_approved_exemption_certificate_pays_no_tax_and_its_order_and_invoice_name_the_certificate()
    {
        await using var app = new MarketplaceFactory();
        var listing = await ListingAsync(app, price: 50m, quantity: 10);
        var school = await BrowserClient.SignInAsync(app, School);
        await school.SubmitAsync("/store/cart", "/store/cart", new() { ["listingId"] = listing.ToString(), ["quantity"] = "2" });
        const string exempt = "Sales tax: exempt (Streamlined Sales Tax certificate WA-SST-0042178, educational organization)";
        Assert.Contains(exempt, WebUtility.HtmlDecode(await school.GetPageAsync("/store/cart")));

        var page = WebUtility.HtmlDecode(await school.SubmitAsync("/store/checkout", "/store/checkout", new()
        {
            ["Method"] = nameof(PaymentMethod.PurchaseOrder), ["PurchaseOrderNumber"] = "PO-LES-TAX-1", ["ShipToSiteId"] = await school.ShipToSiteAsync(),
        }));

        Assert.Contains(exempt, page);
        var (order, invoice) = await OrderAndInvoiceAsync(app, listing);
        Assert.Equal((0m, true, 125m), (order.SalesTax, order.IsTaxExempt, invoice.Amount));
        Assert.False(await app.WithDbAsync(db => db.LedgerEntries.AnyAsync(e => e.Account == LedgerAccount.SalesTaxPayable)));
        var pdf = await PdfTextAsync(await school.Http.GetByteArrayAsync($"/invoices/{invoice.Id}/invoice.pdf"));
        Assert.Contains("Sales tax: exempt (Streamlined Sales Tax certificate WA-SST-0042178", pdf);
    }

    [Fact]
    public async Task A_district_without_a_certificate_is_taxed_at_its_ship_to_states_rate_rounded_half_away_from_zero_and_the_ledger_balances()
    {
        await using var app = new MarketplaceFactory();
        var listing = await ListingAsync(app, price: 50m, quantity: 10);
        var district = await BrowserClient.SignInAsync(app, District);
        await district.SubmitAsync("/store/cart", "/store/cart", new() { ["listingId"] = listing.ToString(), ["quantity"] = "2" });
        // Washington's 6.5% on devices and shipping (demo rate table): 125.00 × 6.5% = 8.125 → 8.13.
        const string taxLine = "Sales tax WA 6.5% on devices and shipping";
        var cart = WebUtility.HtmlDecode(await district.GetPageAsync("/store/cart"));
        Assert.Contains(taxLine, cart);
        Assert.Contains("$8.13", cart);
        Assert.Contains("$133.13", cart);

        var page = WebUtility.HtmlDecode(await district.SubmitAsync("/store/checkout", "/store/checkout", new()
        {
            ["Method"] = nameof(PaymentMethod.PurchaseOrder), ["PurchaseOrderNumber"] = "MV-PO-TAX-1", ["ShipToSiteId"] = await district.ShipToSiteAsync(),
        }));

        Assert.Contains(taxLine, page);
        Assert.Contains("$133.13", page);
        var (order, invoice) = await OrderAndInvoiceAsync(app, listing);
        Assert.Equal((8.13m, 0.065m, "WA", 133.13m), (order.SalesTax, order.SalesTaxRate, order.ShipToState, invoice.Amount));
        await app.WithDbAsync(async db =>
        {
            var sale = await db.LedgerTransactions.Include(t => t.Entries).SingleAsync(t => t.OrderId == order.Id && t.Source == LedgerSource.StorefrontSale);
            Assert.Equal(8.13m, sale.Entries.Where(e => e.Account == LedgerAccount.SalesTaxPayable).Sum(e => e.Credit));
            Assert.Equal(125m - order.StorefrontCommission!.Value, sale.Entries.Where(e => e.Account == LedgerAccount.RefurbisherPayable).Sum(e => e.Credit));
            Assert.Equal(133.13m, sale.Entries.Where(e => e.Account == LedgerAccount.BuyerReceivable).Sum(e => e.Debit));
            var all = await db.LedgerEntries.AsNoTracking().ToListAsync();
            Assert.All(all.GroupBy(e => e.TransactionId), t => Assert.Equal(t.Sum(e => e.Debit), t.Sum(e => e.Credit)));
        });
        var pdf = await PdfTextAsync(await district.Http.GetByteArrayAsync($"/invoices/{invoice.Id}/invoice.pdf"));
        Assert.Contains(taxLine, pdf);
        Assert.Contains("133.13", pdf);
    }

    [Fact]
    public async Task A_new_rate_applies_to_orders_placed_after_it_and_orders_placed_before_keep_theirs()
    {
        await using var app = new MarketplaceFactory();
        var listing = await ListingAsync(app, price: 100m, quantity: 10);
        var idaho = await app.SiteOfAsync(District, "ID");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await app.SendAsAsync(Admin, new SaveSalesTaxRate.Command("ID", 6m, false, today, "Idaho state rate"));
        var first = await OrderToAsync(app, listing, idaho);

        await app.SendAsAsync(Admin, new SaveSalesTaxRate.Command("ID", 7.25m, false, today, "Rate raised"));
        await app.SendAsAsync(Admin, new SaveSalesTaxRate.Command("ID", 9m, false, today.AddDays(30), "Next year's rate"));
        var second = await OrderToAsync(app, listing, idaho);

        Assert.Equal((6m, 0.06m), (first.SalesTax, first.SalesTaxRate));
        Assert.Equal((7.25m, 0.0725m), (second.SalesTax, second.SalesTaxRate));
        var reread = await app.WithDbAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == first.Id));
        Assert.Equal((6m, 0.06m), (reread.SalesTax, reread.SalesTaxRate));
        var invoices = await app.WithDbAsync(db => db.Invoices.AsNoTracking().Where(i => i.OrderId == first.Id || i.OrderId == second.Id).ToDictionaryAsync(i => i.OrderId!.Value, i => i.Amount));
        Assert.Equal((131m, 132.25m), (invoices[first.Id], invoices[second.Id]));
        var admin = WebUtility.HtmlDecode(await (await BrowserClient.SignInAsync(app, Admin)).GetPageAsync("/admin/tax-rates"));
        Assert.Contains("7.25%", admin);
        Assert.Contains($"9% from {today.AddDays(30).ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}", admin);
    }

    [Fact]
    public async Task A_card_checkout_asks_stripe_for_the_total_including_tax()
    {
        await using var app = new MarketplaceFactory();
        app.Settings["Stripe:SecretKey"] = "sk_test_local";
        app.Settings["Stripe:WebhookSecret"] = "whsec_test";
        app.Settings["Stripe:ApiBase"] = _stripe.Url;
        var listing = await ListingAsync(app, price: 50m, quantity: 10);
        var district = await BrowserClient.SignInAsync(app, District);
        await district.SubmitAsync("/store/cart", "/store/cart", new() { ["listingId"] = listing.ToString(), ["quantity"] = "2" });

        var response = await district.PostFormAsync("/store/checkout", "/store/checkout", new()
        {
            ["Method"] = nameof(PaymentMethod.Card), ["ShipToSiteId"] = await district.ShipToSiteAsync(),
        });

        Assert.StartsWith("https://checkout.stripe.test/pay/", response.Headers.Location!.OriginalString);
        var session = Assert.Single(_stripe.Calls, c => c.Method == "POST" && c.Path == "/v1/checkout/sessions");
        Assert.Equal("13313", session.Form["line_items[0][price_data][unit_amount]"]);
        var (order, invoice) = await OrderAndInvoiceAsync(app, listing);
        Assert.Equal((8.13m, 133.13m), (order.SalesTax, invoice.Amount));
    }

    [Fact]
    public async Task When_stock_runs_out_the_checkout_comes_back_with_the_chosen_site_and_purchase_order_number()
    {
        await using var app = new MarketplaceFactory();
        var listing = await ListingAsync(app, price: 80m, quantity: 3);
        var school = await BrowserClient.SignInAsync(app, School);
        await school.SubmitAsync("/store/cart", "/store/cart", new() { ["listingId"] = listing.ToString(), ["quantity"] = "3" });
        var chosen = await app.WithDbAsync(db => db.ShippingSites.Where(s => s.Name == "Lakeside Elementary – main office").Select(s => s.Id).SingleAsync());
        Assert.NotEqual(chosen.ToString(), await school.ShipToSiteAsync());
        // Someone else buys two of the three meanwhile.
        await app.SendAsAsync(District, new AddToCart.Command(listing, 2));
        await app.SendAsAsync(District, new Checkout.Command(PaymentMethod.PurchaseOrder, "MV-PO-FIRST", await app.SiteOfAsync(District), OrdersUrl));

        var refused = await school.SubmitAsync("/store/checkout", "/store/checkout", new()
        {
            ["Method"] = nameof(PaymentMethod.PurchaseOrder), ["PurchaseOrderNumber"] = "PO-LES-KEEP-77", ["ShipToSiteId"] = chosen.ToString(),
        });

        Assert.Contains("That didn't work", WebUtility.HtmlDecode(refused));
        Assert.Matches($"<input[^>]*value=\"{chosen}\"[^>]*checked=\"checked\"", refused);
        Assert.Matches("<input[^>]*name=\"PurchaseOrderNumber\"[^>]*value=\"PO-LES-KEEP-77\"", refused);
        Assert.Equal(3, await app.WithDbAsync(db => db.CartItems.Where(c => c.ListingId == listing).SumAsync(c => c.Quantity)));
    }

    [Fact]
    public async Task A_site_form_names_every_wrong_field_and_keeps_what_was_typed()
    {
        await using var app = new MarketplaceFactory();
        var district = await BrowserClient.SignInAsync(app, District);

        var page = WebUtility.HtmlDecode(await district.SubmitAsync("/organization/sites", "/organization/sites", new()
        {
            ["Name"] = "", ["Street1"] = "24425 SE 216th St", ["City"] = "Maple Valley", ["State"] = "ZZ", ["PostalCode"] = "9803",
        }));

        Assert.Contains("Site name: required.", page);
        Assert.Contains("State: \"ZZ\" is not a US state's two-letter code (e.g. WA, OR, DC).", page);
        Assert.Contains("ZIP: \"9803\" is not a ZIP code; enter 5 digits (98034) or ZIP+4 (98034-1234).", page);
        Assert.Matches("<input[^>]*name=\"Street1\"[^>]*value=\"24425 SE 216th St\"", page);
        Assert.Equal(3, await app.WithDbAsync(db => db.ShippingSites.CountAsync(s => db.Organizations.Any(o => o.Id == s.OrganizationId && o.Name == "Maple Valley School District"))));

        var added = WebUtility.HtmlDecode(await district.SubmitAsync("/organization/sites", "/organization/sites", new()
        {
            ["Name"] = "Rock Creek Elementary", ["Attention"] = "Library", ["Street1"] = "25700 Maple Valley-Black Diamond Rd SE", ["City"] = "Maple Valley",
            ["State"] = "WA", ["PostalCode"] = "98038",
        }));
        Assert.Contains("Rock Creek Elementary added", added);
        var again = WebUtility.HtmlDecode(await district.SubmitAsync("/organization/sites", "/organization/sites", new()
        {
            ["Name"] = "Rock Creek Elementary", ["Street1"] = "1 Other St", ["City"] = "Kent", ["State"] = "WA", ["PostalCode"] = "98032",
        }));
        Assert.Contains("you already have a site called Rock Creek Elementary", again);
    }

    [Fact]
    public async Task A_large_district_s_sites_list_a_page_at_a_time_in_use_first_and_its_admin_finds_one_by_name_city_or_zip()
    {
        await using var app = new MarketplaceFactory();
        for (var n = 1; n <= 60; n++)
        {
            await app.SendAsAsync(District, new SaveShippingSite.Command(null, $"Elementary {n:D3}", null, $"{n} School Rd", null, n == 42 ? "Hobart" : "Maple Valley", "WA",
                n == 17 ? "98051" : "98038"));
        }

        var district = await BrowserClient.SignInAsync(app, District);
        var first = WebUtility.HtmlDecode(await district.GetPageAsync("/organization/sites"));
        Assert.Contains("Showing 1–25 of 63 sites", first);
        Assert.Contains("href=\"/organization/sites?page=3\"", first);
        Assert.DoesNotContain("Elementary 060", first);
        var last = WebUtility.HtmlDecode(await district.GetPageAsync("/organization/sites?page=3"));
        Assert.Contains("Showing 51–63 of 63 sites", last);
        // The demo district's retired site sinks to the end of the last page.
        Assert.Matches("Elementary 060[\\s\\S]*Retired", last);

        Assert.Contains("Showing 1–1 of 1 site", WebUtility.HtmlDecode(await district.GetPageAsync("/organization/sites?search=hobart")));
        var byZip = WebUtility.HtmlDecode(await district.GetPageAsync("/organization/sites?search=98051"));
        Assert.Contains("Elementary 017", byZip);
        Assert.DoesNotContain("Elementary 018", byZip);
        Assert.Contains("No site's name, city or ZIP contains “100%”.", WebUtility.HtmlDecode(await district.GetPageAsync("/organization/sites?search=100%25")));
    }

    [Fact]
    public async Task A_retired_or_changed_site_leaves_its_orders_address_as_it_was_and_checkout_no_longer_offers_it()
    {
        await using var app = new MarketplaceFactory();
        var listing = await ListingAsync(app, price: 60m, quantity: 10);
        var site = await app.WithDbAsync(db => db.ShippingSites.SingleAsync(s => s.Name == "Tahoma Middle School"));
        var order = await OrderToAsync(app, listing, site.Id);
        Assert.Equal("Tahoma Middle School\nAttn: Front office\n24425 SE 216th St\nMaple Valley, WA 98038", order.ShipTo);

        await app.SendAsAsync(District, new SaveShippingSite.Command(site.Id, "Tahoma Middle School", "Front office", "1 New Campus Way", null, "Maple Valley", "WA", "98038"));
        var district = await BrowserClient.SignInAsync(app, District);
        Assert.Contains("Tahoma Middle School retired", WebUtility.HtmlDecode(await district.SubmitAsync("/organization/sites", $"/organization/sites/{site.Id}/retire")));

        var orderPage = WebUtility.HtmlDecode(await district.GetPageAsync($"/store/orders/{order.Id}"));
        Assert.Contains("24425 SE 216th St", orderPage);
        Assert.DoesNotContain("1 New Campus Way", orderPage);
        await app.SendAsAsync(District, new AddToCart.Command(listing, 1));
        Assert.DoesNotContain(site.Id.ToString(), await district.GetPageAsync("/store/checkout"));
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            app.SendAsAsync(District, new Checkout.Command(PaymentMethod.PurchaseOrder, "MV-PO-OLD", site.Id, OrdersUrl)));
        Assert.Equal("Ship to: Tahoma Middle School was retired; choose a site in use.", refused.Message);

        Assert.Contains("Tahoma Middle School is back in use", WebUtility.HtmlDecode(await district.SubmitAsync("/organization/sites", $"/organization/sites/{site.Id}/restore")));
        Assert.Contains(site.Id.ToString(), await district.GetPageAsync("/store/checkout"));
    }

    [Fact]
    public async Task Without_a_site_in_use_checkout_says_so_and_links_its_admin_to_where_sites_are_added()
    {
        await using var app = new MarketplaceFactory();
        var email = await app.AddOrganizationWithUserAsync($"Birch Hill Elementary {Guid.NewGuid():N}"[..30], OrganizationKind.School, Roles.OrganizationAdmin, Roles.SchoolBuyer);
        await app.WithDbAsync(async db =>
        {
            var organizationId = await db.Users.Where(u => u.Email == email).Select(u => u.OrganizationId).SingleAsync();
            foreach (var site in await db.ShippingSites.Where(s => s.OrganizationId == organizationId).ToListAsync())
            {
                site.Retire(DateTimeOffset.UtcNow);
            }

            await db.SaveChangesAsync();
        });
        var listing = await ListingAsync(app, price: 60m, quantity: 10);
        await app.SendAsAsync(email, new AddToCart.Command(listing, 1));
        var buyer = await BrowserClient.SignInAsync(app, email);

        var page = WebUtility.HtmlDecode(await buyer.GetPageAsync("/store/checkout"));

        Assert.Contains("Your organization has no ship-to sites yet", page);
        Assert.Contains("<a href=\"/organization/sites\">Add a site</a>", page);
        Assert.DoesNotContain("action=\"/store/checkout\"", page);
    }

    [Fact]
    public async Task The_buyer_is_e_mailed_a_confirmation_with_items_totals_tax_ship_to_and_purchase_order_and_the_invoice_pdf_attached()
    {
        await using var smtp = new LocalSmtpServer();
        await using var app = new MarketplaceFactory();
        smtp.Receive(app);
        var listing = await ListingAsync(app, price: 50m, quantity: 10);
        await app.SendAsAsync(District, new AddToCart.Command(listing, 2));
        var site = await app.WithDbAsync(db => db.ShippingSites.SingleAsync(s => s.Name == "Maple Valley SD – central receiving"));

        var placed = await app.SendAsAsync(District, new Checkout.Command(PaymentMethod.PurchaseOrder, "MV-PO-2026-300", site.Id, OrdersUrl));

        var (order, invoice) = await OrderAndInvoiceAsync(app, listing);
        var subject = $"Order {order.Number} confirmed: invoice {invoice.Number}";
        var raw = await MarketplaceFactory.EventuallyAsync(() => Task.FromResult(Messages(smtp).FirstOrDefault(m => m.Contains(subject, StringComparison.Ordinal))), subject);
        var message = await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)));
        Assert.Equal(["district@demo.k12"], message.To.Mailboxes.Select(m => m.Address));
        var body = message.TextBody!.ReplaceLineEndings("\n");
        // The test server reads the SMTP stream as ASCII, so the line's "×" is not compared.
        Assert.Contains($" {order.Lines[0].Title} at $50.00 = $100.00 (12-month warranty)", body);
        Assert.Contains("Subtotal: $100.00\nShipping: $25.00\nSales tax WA 6.5% on devices and shipping: $8.13\nTotal: $133.13", body);
        Assert.Contains("Attn: IT Receiving Dock\n22225 SE 231st St\nMaple Valley, WA 98038", body);
        Assert.Contains("Purchase order: MV-PO-2026-300", body);
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal(($"invoice-{invoice.Number}.pdf", "application/pdf"), (attachment.FileName, attachment.ContentType.MimeType));
        using var pdf = new MemoryStream();
        await attachment.Content!.DecodeToAsync(pdf);
        var text = await PdfTextAsync(pdf.ToArray());
        Assert.Contains(invoice.Number, text);
        Assert.Contains("MV-PO-2026-300", text);
        Assert.Contains("Sales tax WA 6.5% on devices and shipping", text);
        Assert.Contains("133.13", text);
        // Only the buyer's people receive its invoice: an attachment aimed at another organization is never sent.
        Assert.DoesNotContain(Messages(smtp), m => m.Contains(subject, StringComparison.Ordinal) && !m.Contains("To: district@demo.k12", StringComparison.Ordinal));
        var school = await app.WithDbAsync(db => db.Organizations.Where(o => o.Name == "Lakeside Elementary School").Select(o => o.Id).SingleAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.SendAsSystemAsync(new SendEmail.Command(school, "Not yours", "—", null,
            new EmailAttachment(EmailAttachment.Invoice, placed.InvoiceIds[0]))));
    }

    [Fact]
    public async Task The_cart_belongs_to_the_person_and_is_still_there_after_signing_out_and_in()
    {
        await using var app = new MarketplaceFactory();
        var listing = await ListingAsync(app, price: 70m, quantity: 10);
        var first = await BrowserClient.SignInAsync(app, School);
        await first.SubmitAsync("/store/cart", "/store/cart", new() { ["listingId"] = listing.ToString(), ["quantity"] = "4" });
        await first.SubmitAsync("/store/cart", "/account/logout");

        var again = await BrowserClient.SignInAsync(app, School);
        var colleague = await BrowserClient.SignInAsync(app, "principal@demo.k12");

        Assert.Matches($"name=\"quantity\" value=\"4\"", Between(await again.GetPageAsync("/store/cart"), listing));
        Assert.Contains("Your cart is empty.", await colleague.GetPageAsync("/store/cart"));
    }

    [Fact]
    public async Task Changing_a_quantity_is_refused_beyond_stock_and_reaching_a_tier_charges_its_price()
    {
        await using var app = new MarketplaceFactory();
        var listing = await app.SendAsAsync(LotJourneys.Refurbisher, StockListings.Command($"Tiered Chromebook {Guid.NewGuid():N}"[..28], null,
            DeviceCategory.Chromebook, CosmeticGrade.A, 130m, 12, 12, tier1: (10, 115m)));
        var school = await BrowserClient.SignInAsync(app, School);
        await school.SubmitAsync("/store/cart", "/store/cart", new() { ["listingId"] = listing.ToString(), ["quantity"] = "2" });

        var refused = WebUtility.HtmlDecode(await school.SubmitAsync("/store/cart", $"/store/cart/{listing}/quantity", new() { ["quantity"] = "13" }));
        Assert.Contains("Only 12 of Tiered Chromebook", refused);
        Assert.Equal(2, await app.WithDbAsync(db => db.CartItems.Where(c => c.ListingId == listing).Select(c => c.Quantity).SingleAsync()));

        var tiered = WebUtility.HtmlDecode(await school.SubmitAsync("/store/cart", $"/store/cart/{listing}/quantity", new() { ["quantity"] = "10" }));
        Assert.Contains("Quantity updated.", tiered);
        Assert.Contains("$115.00", tiered);
        Assert.Contains("$1,150.00", tiered);
        Assert.Equal(10, await app.WithDbAsync(db => db.CartItems.Where(c => c.ListingId == listing).Select(c => c.Quantity).SingleAsync()));
    }

    private static Task<Guid> ListingAsync(MarketplaceFactory app, decimal price, int quantity) =>
        app.SendAsAsync(LotJourneys.Refurbisher, StockListings.Command($"Checkout Chromebook {Guid.NewGuid():N}"[..30], "Refurbished, charger included.",
            DeviceCategory.Chromebook, CosmeticGrade.B, price, quantity, 12));

    private static async Task<Order> OrderToAsync(MarketplaceFactory app, Guid listing, Guid site)
    {
        await app.SendAsAsync(District, new AddToCart.Command(listing, 1));
        var placed = await app.SendAsAsync(District, new Checkout.Command(PaymentMethod.PurchaseOrder, $"MV-PO-{Guid.NewGuid():N}"[..16], site, OrdersUrl));
        return await app.WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == placed.OrderIds[0]));
    }

    private static Task<(Order Order, Invoice Invoice)> OrderAndInvoiceAsync(MarketplaceFactory app, Guid listing) =>
        app.WithDbAsync(async db =>
        {
            var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Lines.Any(l => l.ListingId == listing));
            return (order, await db.Invoices.AsNoTracking().SingleAsync(i => i.OrderId == order.Id));
        });

    private static List<string> Messages(LocalSmtpServer smtp)
    {
        lock (smtp.Messages)
        {
            return [.. smtp.Messages];
        }
    }

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"invoice-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            return await ExternalTool.RunAsync("pdftotext", "-layout", path, "-");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The cart row of <paramref name="listing"/>.</summary>
    private static string Between(string page, Guid listing)
    {
        var start = page.IndexOf($"/store/listings/{listing}", StringComparison.Ordinal);
        Assert.True(start >= 0, "the listing is in the cart");
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
