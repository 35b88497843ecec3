using System.Net;
using System.Text.RegularExpressions;

namespace Marketplace.Tests.Infrastructure.Web;

public sealed record WalkedPage(string Role, string Url, HttpResponseMessage Response, string Html);

/// <summary>A form as a browser would submit it: its fields with the values the page filled in.</summary>
public sealed record WalkedForm(string Role, string PageUrl, string Method, string Action, bool Multipart, IReadOnlyList<FormField> Fields)
{
    /// <summary>Forms repeated per row (remove device 1, 2, 3…) are one form to probe.</summary>
    /// <remarks>A search form (GET) is the same for every role that sees it; a posting form is probed per role, whose rights differ.</remarks>
    public string Shape => $"{(Method == "post" ? Role : "any")} {Method} {SiteWalk.Pattern(Action)} {string.Join(",", Fields.Select(f => f.Name).Order(StringComparer.Ordinal))}";
}

/// <param name="Type">input type, "select", "textarea" or "button".</param>
/// <param name="Options">A select's option values.</param>
/// <param name="Owner">The id in the element's form="…" attribute: a field placed outside the form it belongs to.</param>
public sealed record FormField(string Name, string Type, string Value, IReadOnlyList<string> Options, string? Owner = null);

/// <summary>
/// Walks the pages a signed-in person can reach by following links from where they start, keeping each page and the
/// forms on it. Pages of one shape (/lots/{id}) are visited a few times, not once per record, so the walk stays short.
/// </summary>
public static partial class SiteWalk
{
    private const int PagesPerShape = 6;
    private const int MaxPages = 80;

    public static async Task<List<WalkedPage>> PagesAsync(string role, BrowserClient client, IEnumerable<string> startUrls)
    {
        var pages = new List<WalkedPage>();
        var queued = new Queue<string>(startUrls);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var shapes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        while (queued.TryDequeue(out var url) && pages.Count < MaxPages)
        {
            var shape = Pattern(url);
            if (!seen.Add(url) || shapes.GetValueOrDefault(shape) >= PagesPerShape)
            {
                continue;
            }

            shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
            var response = await client.Http.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            pages.Add(new WalkedPage(role, url, response, html));
            foreach (Match link in LinkPattern().Matches(html))
            {
                var href = WebUtility.HtmlDecode(link.Groups[1].Value).Split('#')[0];
                if (href.Length > 1 && href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !Skipped(href))
                {
                    queued.Enqueue(href);
                }
            }
        }

        return pages;
    }

    public static IEnumerable<WalkedForm> Forms(WalkedPage page)
    {
        foreach (Match form in FormPattern().Matches(page.Html))
        {
            var tag = form.Groups[1].Value;
            var action = Attribute(tag, "action") ?? page.Url;
            if (action.StartsWith("http", StringComparison.OrdinalIgnoreCase) || Skipped(action))
            {
                continue;
            }

            var fields = Fields(form.Groups[2].Value).Where(f => f.Owner is null).ToList();
            if (Attribute(tag, "id") is { } id)
            {
                // Fields placed outside the form and tied to it with form="id" (the reference-model rows do this).
                fields.AddRange(Fields(page.Html).Where(f => f.Owner == id));
            }

            yield return new WalkedForm(page.Role, page.Url, (Attribute(tag, "method") ?? "get").ToLowerInvariant(), action.Split('#')[0],
                Attribute(tag, "enctype") == "multipart/form-data", fields.DistinctBy(f => (f.Name, f.Value)).ToList());
        }
    }

    /// <summary>The URL with its ids replaced: /lots/0191…/devices → /lots/{id}/devices.</summary>
    public static string Pattern(string url) => GuidPattern().Replace(url.Split('?')[0], "{id}") + (url.Contains('?') ? "?" + string.Join("&", url.Split('?')[1].Split('&').Select(p => p.Split('=')[0])) : "");

    public static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}\\s*=\\s*\"([^\"]*)\"", RegexOptions.IgnoreCase);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    // Sign-out ends the session the walk depends on; downloads and photos are files, the job dashboard is Hangfire's.
    private static bool Skipped(string url) =>
        url.StartsWith("/account/logout", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("/admin/jobs", StringComparison.OrdinalIgnoreCase)
        || url.Contains("/photos/", StringComparison.OrdinalIgnoreCase)
        || url.Contains("/progress", StringComparison.OrdinalIgnoreCase)
        || Regex.IsMatch(url.Split('?')[0], @"\.(pdf|csv|xlsx|png|jpe?g|webp|js|css)$", RegexOptions.IgnoreCase);

    private static IEnumerable<FormField> Fields(string html)
    {
        foreach (Match input in InputPattern().Matches(html))
        {
            var tag = input.Value;
            if (Attribute(tag, "name") is not { } name)
            {
                continue;
            }

            var type = (Attribute(tag, "type") ?? "text").ToLowerInvariant();
            if (type is "checkbox" or "radio" && !Regex.IsMatch(tag, "\\schecked", RegexOptions.IgnoreCase))
            {
                // Unticked: a browser leaves it out, but the probe still tries its value.
                yield return new FormField(name, type, "", [Attribute(tag, "value") ?? "on"], Attribute(tag, "form"));
                continue;
            }

            yield return new FormField(name, type, Attribute(tag, "value") ?? (type is "checkbox" ? "on" : ""), [], Attribute(tag, "form"));
        }

        foreach (Match select in SelectPattern().Matches(html))
        {
            if (Attribute(select.Groups[1].Value, "name") is not { } name)
            {
                continue;
            }

            var options = OptionPattern().Matches(select.Groups[2].Value)
                .Select(o => (Value: Attribute(o.Groups[1].Value, "value") ?? WebUtility.HtmlDecode(o.Groups[2].Value.Trim()), Selected: o.Groups[1].Value.Contains("selected", StringComparison.OrdinalIgnoreCase)))
                .ToList();
            var chosen = options.FirstOrDefault(o => o.Selected).Value ?? options.FirstOrDefault().Value ?? "";
            yield return new FormField(name, "select", chosen, [.. options.Select(o => o.Value)], Attribute(select.Groups[1].Value, "form"));
        }

        foreach (Match area in TextAreaPattern().Matches(html))
        {
            if (Attribute(area.Groups[1].Value, "name") is { } name)
            {
                yield return new FormField(name, "textarea", WebUtility.HtmlDecode(area.Groups[2].Value), [], Attribute(area.Groups[1].Value, "form"));
            }
        }

        foreach (Match button in ButtonPattern().Matches(html))
        {
            if (Attribute(button.Value, "name") is { } name)
            {
                yield return new FormField(name, "button", Attribute(button.Value, "value") ?? "", [], Attribute(button.Value, "form"));
            }
        }
    }

    [GeneratedRegex("<a\\s[^>]*href=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();

    [GeneratedRegex("<form(\\s[^>]*)>(.*?)</form>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input\\s[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();

    [GeneratedRegex("<select(\\s[^>]*)>(.*?)</select>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SelectPattern();

    [GeneratedRegex("<option([^>]*)>(.*?)</option>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex OptionPattern();

    [GeneratedRegex("<textarea(\\s[^>]*)>(.*?)</textarea>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TextAreaPattern();

    [GeneratedRegex("<button\\s[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ButtonPattern();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex GuidPattern();
}
