using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Imports;
using Marketplace.Web.Domain.Lots;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Imports;

/// <summary>Drives the import pages as a district user would: upload, map, wait for the check, confirm.</summary>
internal sealed partial class ImportTestKit(MarketplaceFactory factory, BrowserClient district)
{
    public static async Task<ImportTestKit> StartAsync(MarketplaceFactory factory)
    {
        var district = await BrowserClient.SignInAsync(factory, "district@demo.k12");
        return new ImportTestKit(factory, district);
    }

    public BrowserClient District => district;

    public async Task<Guid> CreateLotAsync(string title = "Surplus import")
    {
        var response = await district.PostFormAsync("/lots/new", "/lots/new", new() { ["Title"] = title });
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    /// <summary>Uploads the file and returns the mapping page's URL (or throws with the flash error).</summary>
    public Task<HttpResponseMessage> UploadAsync(Guid lotId, string fileName, byte[] content) =>
        district.PostFileAsync($"/lots/{lotId}", $"/lots/{lotId}/imports", "file", fileName, content);

    public async Task<Guid> UploadOkAsync(Guid lotId, string fileName, string csv, Encoding? encoding = null, bool bom = false)
    {
        var bytes = (encoding ?? new UTF8Encoding(bom)).GetBytes(csv);
        if (bom)
        {
            bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];
        }

        return await UploadOkAsync(lotId, fileName, bytes);
    }

    public async Task<Guid> UploadOkAsync(Guid lotId, string fileName, byte[] bytes)
    {
        var response = await UploadAsync(lotId, fileName, bytes);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        if (!location.Contains("/mapping", StringComparison.Ordinal))
        {
            var page = WebUtility.HtmlDecode(await district.GetPageAsync(location));
            var error = Regex.Match(page, "That didn't work:</strong>([^<]*)<").Groups[1].Value.Trim();
            Assert.Fail($"Upload of {fileName} was refused: {error}");
        }

        return Guid.Parse(location.Split('/')[2]);
    }

    /// <summary>
    /// Posts the mapping as shown on the page (the guess) unless overridden, then waits for the check. An override
    /// is a field name (<c>Serial</c>, meaning <c>map[Serial]</c>) or a whole form name (<c>status[Broken]</c>).
    /// </summary>
    public async Task<ImportJob> MapAndCheckAsync(Guid jobId, Dictionary<string, string>? overrides = null)
    {
        var page = await district.GetPageAsync($"/imports/{jobId}/mapping");
        var fields = new Dictionary<string, string>();
        foreach (Match select in SelectPattern().Matches(page))
        {
            var name = WebUtility.HtmlDecode(select.Groups["name"].Value);
            var chosen = SelectedPattern().Match(select.Groups["body"].Value);
            fields[name] = chosen.Success ? chosen.Groups[1].Value : "";
        }

        foreach (var (key, value) in overrides ?? [])
        {
            fields[key.Contains('[', StringComparison.Ordinal) ? key : $"map[{key}]"] = value;
        }

        var response = await district.PostFormAsync($"/imports/{jobId}/mapping", $"/imports/{jobId}/mapping", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await WaitForAsync(jobId, ImportStatus.Validated);
    }

    public async Task<ImportJob> ConfirmAsync(Guid jobId, bool acceptIssues)
    {
        var response = await district.PostFormAsync($"/imports/{jobId}", $"/imports/{jobId}/confirm", new() { ["acceptIssues"] = acceptIssues ? "true" : "false" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await WaitForAsync(jobId, ImportStatus.Completed);
    }

    public async Task<ImportJob> WaitForAsync(Guid jobId, params ImportStatus[] statuses) =>
        await MarketplaceFactory.EventuallyAsync(async () =>
        {
            var job = await factory.WithDbAsync(db => db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == jobId));
            return statuses.Contains(job.Status) || job.Status == ImportStatus.Failed ? job : null;
        }, $"import {jobId} to reach {string.Join("/", statuses)}", TimeSpan.FromSeconds(60));

    public Task<List<ImportIssue>> IssuesAsync(Guid jobId) =>
        factory.WithDbAsync(db => db.ImportIssues.AsNoTracking().Where(i => i.ImportJobId == jobId).OrderBy(i => i.Row).ToListAsync());

    public Task<List<Device>> DevicesAsync(Guid lotId) =>
        factory.WithDbAsync(db => db.Devices.AsNoTracking().Where(d => d.LotId == lotId).OrderBy(d => d.Serial).ToListAsync());

    [GeneratedRegex("<select[^>]*name=\"(?<name>(?:map|status)\\[[^\"]+\\])\"[^>]*>(?<body>.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex SelectPattern();

    [GeneratedRegex("<option[^>]*value=\"(\\w+)\"[^>]*selected")]
    private static partial Regex SelectedPattern();
}
