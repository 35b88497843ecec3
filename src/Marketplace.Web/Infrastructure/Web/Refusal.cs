using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Marketplace.Web.Infrastructure.Web;

/// <summary>
/// How the app says no, wherever the refusal is decided (a failed command, a value that did not bind, a form that
/// could not be read): a browser's post goes back to the page it came from with the reason shown; anything else gets
/// a 4xx status whose error page shows the reason.
/// </summary>
public static class Refusal
{
    /// <summary>The reason, kept in the request's items for the error page that the status-code middleware renders.</summary>
    public const string MessageItem = "refusal-message";

    private const int MaxShownLength = 40;

    /// <summary>
    /// The page of this site a request came from (path and query), or null. A Referer naming another host is no page
    /// of ours, and neither is one whose path would leave the site when used as a redirect ("http://host//evil.example/x").
    /// </summary>
    public static string? CameFrom(HttpRequest request)
    {
        if (!Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var uri)
            || !string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var path = uri.PathAndQuery;
        return path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal) ? path : null;
    }

    /// <summary>Back to the page the post came from (home if unknown), the reason shown and what was typed kept; a bare 400 for a GET from nowhere.</summary>
    /// <param name="remedy">Where the cause can be put right, shown as a link after the reason.</param>
    public static IActionResult Back(HttpContext http, ITempDataDictionaryFactory tempDataFactory, string message, Domain.Remedy? remedy = null)
    {
        var cameFrom = CameFrom(http.Request);
        if (cameFrom is null && !HttpMethods.IsPost(http.Request.Method))
        {
            return new BadRequestObjectResult(message);
        }

        var tempData = tempDataFactory.GetTempData(http);
        tempData[Flash.Error] = message;
        if (remedy is not null && remedy.Path.StartsWith('/') && !remedy.Path.StartsWith("//", StringComparison.Ordinal))
        {
            tempData[Flash.ErrorLinkPath] = remedy.Path;
            tempData[Flash.ErrorLinkText] = remedy.Text;
        }

        PostedForm.Keep(http, tempData);
        return new LocalRedirectResult(cameFrom ?? "/");
    }

    /// <summary>Answers with <paramref name="status"/>; the error page re-executed for it shows <paramref name="message"/>.</summary>
    public static void WithStatus(HttpContext http, int status, string message)
    {
        http.Items[MessageItem] = message;
        http.Response.StatusCode = status;
    }

    /// <summary>
    /// A value as a message quotes it: at most 40 characters, with control and invisible characters written as U+XXXX so
    /// the reader sees what was really sent (and a flash message never carries them).
    /// </summary>
    public static string Shown(string? value)
    {
        if (value is null)
        {
            return "";
        }

        var shown = new StringBuilder(Math.Min(value.Length, MaxShownLength) + 8);
        foreach (var ch in value.Length > MaxShownLength ? value[..MaxShownLength] : value)
        {
            if (char.IsControl(ch) || CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.Format)
            {
                shown.Append('[').Append(CodePoint(ch)).Append(']');
            }
            else
            {
                shown.Append(ch);
            }
        }

        return value.Length > MaxShownLength ? shown.Append('…').ToString() : shown.ToString();
    }

    public static string CodePoint(char ch) => $"U+{(int)ch:X4}";

    /// <summary>"PurchaseOrderNumber" → "Purchase order number"; "form.Category" → "Category"; indexed keys ("map[Serial]") stay as sent.</summary>
    public static string FieldLabel(string key)
    {
        var name = key.Contains('[', StringComparison.Ordinal) ? key : key[(key.LastIndexOf('.') + 1)..];
        if (name.Length == 0 || name.Contains('[', StringComparison.Ordinal))
        {
            return name;
        }

        var label = new StringBuilder(name.Length + 4).Append(char.ToUpperInvariant(name[0]));
        for (var i = 1; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                label.Append(' ').Append(char.ToLowerInvariant(name[i]));
            }
            else
            {
                label.Append(name[i]);
            }
        }

        return label.ToString();
    }
}
