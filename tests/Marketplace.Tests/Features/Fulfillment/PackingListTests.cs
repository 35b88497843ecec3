using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Features.Fulfillment;
using Marketplace.Web.Infrastructure.Documents;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Fulfillment;

/// <summary>The packing list PDF, read back with pdftotext as a receiving clerk's PDF reader would show it.</summary>
public sealed class PackingListTests(FulfillmentApp app) : IClassFixture<FulfillmentApp>
{
    [Fact]
    public async Task The_packing_list_names_the_purchase_order_counts_by_model_and_each_serial_with_its_tag_and_box()
    {
        var lot = await app.PickupScheduledLotAsync();
        var tags = await app.WithDbAsync(db => db.Devices.Where(d => d.LotId == lot.Id).ToDictionaryAsync(d => d.Serial, d => d.AssetTag!));
        await app.SendAsAsync(LotJourneys.District, new RecordScan.Command(lot.Id, lot.Serials[2], "2"));
        await app.SendAsAsync(LotJourneys.District, new RecordScan.Command(lot.Id, lot.Serials[0], "10"));

        var text = await PackingListAsync(LotJourneys.District, lot);
        var lines = text.Split('\n');

        Assert.Contains($"Packing list — lot {lot.Number}", text);
        Assert.Matches($@"Purchase order\s+PO-{lot.Number}", text);
        Assert.Matches(@"Devices\s+3\b", text);
        Assert.Matches(@"Boxes recorded\s+2\b", text);
        Assert.Matches(@"Pickup\s+\w+day, .* 8:00 am–10:00 am · Loading dock B", text);
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s*Dell Chromebook 3100\s+3\s*$"));
        // Box by box (2 before 10), then the device in no box; each line holds its serial, tag, model and box.
        var rows = new[] { (lot.Serials[2], "2"), (lot.Serials[0], "10"), (lot.Serials[1], "—") }
            .Select((r, i) => Array.FindIndex(lines, l => Regex.IsMatch(l, $@"^\s*{i + 1}\s+{r.Item1}\s+{tags[r.Item1]}\s+Dell Chromebook 3100\s+{r.Item2}\s*$")))
            .ToList();
        Assert.All(rows, i => Assert.True(i >= 0, text));
        Assert.Equal(rows.Order(), rows);
        Assert.Contains("page 1 of 1", text);

        // The buyer reads the same list.
        Assert.Contains($"PO-{lot.Number}", await PackingListAsync(LotJourneys.Refurbisher, lot));
    }

    [Fact]
    public async Task A_lot_not_paid_yet_has_no_packing_list()
    {
        var lot = await app.AwardedLotAsync();
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);

        var response = await district.Http.GetAsync($"{lot.LotUrl}/packing-list.pdf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Pickup opens once the buyer has paid.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_long_list_runs_across_pages_with_its_headings_on_each_and_every_serial_once_on_its_own_line()
    {
        const int count = 130;
        var rows = Enumerable.Range(1, count).Select(i => new PackingListRow($"5CDPACK{i:0000}", $"MV-{i:0000}", i % 3 == 0 ? "HP Chromebook 11 G8" : "Dell Chromebook 3100",
            i <= 100 ? ((i - 1) / 25 + 1).ToString(CultureInfo.InvariantCulture) : null)).ToList();
        var models = Enumerable.Range(1, 30).Select(i => new PackingListModel($"Model {i:00}", i)).ToList();
        var content = new PackingListContent("LOT-2026-0777", "Spring Chromebook refresh", "Maple Valley School District", "GreenCycle ITAD", "PO-GC-0117", count,
            "Monday, March 2, 2026, 8:00 am–10:00 am", "22225 SE 231st St, Maple Valley, WA", null, models, rows, new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));
        var pdf = Path.Combine(app.DataFolder, $"packing-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, PackingListDocument.Render(content));

        var pages = int.Parse(Regex.Match(await ExternalTool.RunAsync("/usr/bin/pdfinfo", pdf), @"Pages:\s+(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(pages, 4, 6);
        var seen = new List<string>();
        for (var page = 1; page <= pages; page++)
        {
            var text = await ExternalTool.RunAsync("/usr/bin/pdftotext", "-layout", "-f", $"{page}", "-l", $"{page}", pdf, "-");
            Assert.Contains($"page {page} of {pages}", text);
            var serialRows = text.Split('\n').Where(l => l.Contains("5CDPACK", StringComparison.Ordinal)).ToList();
            if (serialRows.Count > 0)
            {
                Assert.Matches(@"#\s+Serial\s+Asset tag\s+Model\s+Box", text);
            }

            // A line holds one row, whole: its number, serial, tag, model and box, nothing of another row.
            Assert.All(serialRows, l => Assert.Matches(@"^\s*(\d+)\s+5CDPACK(\d{4})\s+MV-\2\s+(Dell Chromebook 3100|HP Chromebook 11 G8)\s+(\d|—)\s*$", l));
            seen.AddRange(serialRows.Select(l => Regex.Match(l, @"5CDPACK\d{4}").Value));
        }

        Assert.Equal(rows.Select(r => r.Serial), seen);
    }

    private async Task<string> PackingListAsync(string email, SoldLot lot)
    {
        var user = await BrowserClient.SignInAsync(app, email);
        var response = await user.Http.GetAsync($"{lot.LotUrl}/packing-list.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = Path.Combine(app.DataFolder, $"packing-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync());
        return await ExternalTool.RunAsync("/usr/bin/pdftotext", "-layout", pdf, "-");
    }
}
