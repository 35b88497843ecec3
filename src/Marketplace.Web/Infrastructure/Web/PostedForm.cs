using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Marketplace.Web.Infrastructure.Web;

/// <summary>
/// What a person typed into a form whose post was refused. The failure filter keeps it for the page the
/// post came from, and the tag helpers below put it back into that form's fields, so a rejected serial
/// does not also reset the method, the technician and the tool, and a refused checkout keeps the address.
/// </summary>
public sealed record PostedForm(string Action, Dictionary<string, string[]> Values)
{
    private const string TempDataKey = "posted-form";

    // TempData travels in a cookie: keep it well under the browser's limits and leave long texts out.
    private const int MaxValueLength = 2_000;
    private const int MaxTotalLength = 6_000;

    // Never echoed back: secrets, anti-forgery and per-render keys (a repeat must get a fresh one).
    private static readonly string[] NeverKept = ["__RequestVerificationToken", "IdempotencyKey"];

    public static void Keep(HttpContext http, ITempDataDictionary tempData)
    {
        if (!http.Request.HasFormContentType)
        {
            return;
        }

        var values = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var total = 0;
        foreach (var (name, value) in http.Request.Form)
        {
            if (NeverKept.Contains(name, StringComparer.OrdinalIgnoreCase) || name.Contains("password", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var kept = value.Where(v => v is { Length: <= MaxValueLength }).Select(v => v!).ToArray();
            total += name.Length + kept.Sum(v => v.Length);
            values[name] = kept;
        }

        if (values.Count > 0 && total <= MaxTotalLength)
        {
            tempData[TempDataKey] = JsonSerializer.Serialize(new PostedForm(http.Request.Path.Value ?? "", values));
        }
    }

    /// <summary>The refused post kept for this request's page, read once per request.</summary>
    public static PostedForm? For(ViewContext view)
    {
        var items = view.HttpContext.Items;
        if (items.TryGetValue(TempDataKey, out var cached))
        {
            return cached as PostedForm;
        }

        var form = view.TempData[TempDataKey] is string json ? JsonSerializer.Deserialize<PostedForm>(json) : null;
        items[TempDataKey] = form;
        return form;
    }

    public bool IsFor(string? action) =>
        action is not null && string.Equals(action.Split('?')[0].TrimEnd('/'), Action.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}

/// <summary>Marks the form a refused post came from, for the field helpers inside it.</summary>
[HtmlTargetElement("form", Attributes = "action")]
public sealed class PostedFormTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Init(TagHelperContext context)
    {
        if (PostedForm.For(ViewContext) is { } posted && posted.IsFor(context.AllAttributes["action"]?.Value?.ToString()))
        {
            context.Items[typeof(PostedForm)] = posted;
        }
    }
}

/// <summary>Puts a refused post's values back into the inputs, text areas and selects of its form.</summary>
[HtmlTargetElement("input", Attributes = "name")]
[HtmlTargetElement("textarea", Attributes = "name")]
[HtmlTargetElement("select", Attributes = "name")]
public sealed class PostedValueTagHelper : TagHelper
{
    internal const string SelectValues = "posted-select-values";

    // After the framework's own helpers, so the typed value wins over a default.
    public override int Order => 1_000;

    public override void Init(TagHelperContext context)
    {
        if (context.TagName == "select" && Posted(context) is { } values)
        {
            context.Items[SelectValues] = values;
        }
    }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (Posted(context) is not { } values)
        {
            return;
        }

        switch (context.TagName)
        {
            case "textarea":
                output.Content.SetContent(values.FirstOrDefault() ?? "");
                break;
            case "input":
                var type = context.AllAttributes["type"]?.Value?.ToString()?.ToLowerInvariant() ?? "text";
                if (type is "checkbox" or "radio")
                {
                    var value = context.AllAttributes["value"]?.Value?.ToString() ?? "on";
                    output.Attributes.RemoveAll("checked");
                    if (values.Contains(value))
                    {
                        output.Attributes.Add("checked", "checked");
                    }
                }
                else if (type is not ("hidden" or "password" or "file" or "submit" or "button"))
                {
                    output.Attributes.SetAttribute("value", values.FirstOrDefault() ?? "");
                }

                break;
        }
    }

    private static string[]? Posted(TagHelperContext context)
    {
        if (!context.Items.TryGetValue(typeof(PostedForm), out var item) || item is not PostedForm form)
        {
            return null;
        }

        var name = context.AllAttributes["name"]?.Value?.ToString();
        if (name is null)
        {
            return null;
        }

        // A box left unticked is absent from a post: within the refused form, absent means "not chosen".
        return form.Values.TryGetValue(name, out var values) ? values : [];
    }
}

/// <summary>Selects, in a refused post's select, the options the person had chosen.</summary>
[HtmlTargetElement("option")]
public sealed class PostedOptionTagHelper : TagHelper
{
    public override int Order => 1_000;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        if (!context.Items.TryGetValue(PostedValueTagHelper.SelectValues, out var item) || item is not string[] values)
        {
            return;
        }

        var value = context.AllAttributes["value"]?.Value?.ToString() ?? (await output.GetChildContentAsync()).GetContent();
        output.Attributes.RemoveAll("selected");
        if (values.Contains(value))
        {
            output.Attributes.Add("selected", "selected");
        }
    }
}
