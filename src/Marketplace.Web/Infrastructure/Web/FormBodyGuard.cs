using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Marketplace.Web.Infrastructure.Web;

/// <summary>
/// Reads a posted form once, before anti-forgery, model binding or a failure filter does, and answers a form that cannot
/// be read with its reason: 413 for a body over the endpoint's limit (a 60 MB upload), 400 for a form the framework
/// refuses to parse (a NUL character in a field, a malformed multipart header). Left to MVC, each of those surfaces in
/// the middle of some other component (the anti-forgery check, the refusal that re-reads the form to keep what was
/// typed, the error page's own binding) and ends as a 500.
/// </summary>
/// <remarks>Runs after routing, so the endpoint's own limits (<c>[RequestSizeLimit]</c>, <c>[RequestFormLimits]</c>) apply.</remarks>
public sealed class FormBodyGuard(RequestDelegate next, ILogger<FormBodyGuard> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        // The error page re-executed for a refusal passes through here again: the form is no more readable the second time.
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || !request.HasFormContentType
            || context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            await next(context);
            return;
        }

        var urlEncoded = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        if (urlEncoded)
        {
            // Kept so that a refused field can be named; url-encoded forms are small (the framework caps their values).
            request.EnableBuffering();
        }

        try
        {
            await request.ReadFormAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Refuse(context, StatusCodes.Status413PayloadTooLarge, TooLarge(context), ex);
            return;
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            // The form reader's own limits: multipart body length, value count, key or value length.
            Refuse(context, StatusCodes.Status413PayloadTooLarge, TooLarge(context), ex);
            return;
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or FormatException)
        {
            var field = urlEncoded ? await FieldWithNulAsync(request) : null;
            Refuse(context, StatusCodes.Status400BadRequest, field is null
                ? $"The form could not be read ({ex.Message}) Send it again from the page; if a file was attached, check its name."
                : $"{Refusal.FieldLabel(field)}: the value contains a NUL character ({Refusal.CodePoint('\0')}), which no field accepts; remove it and send the form again.", ex);
            return;
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The browser went away mid-upload: nobody is waiting for an answer.
            return;
        }

        await next(context);
    }

    private void Refuse(HttpContext context, int status, string message, Exception reason)
    {
        logger.LogInformation("Refused a form post to {Path} with {Status}: {Reason}", context.Request.Path, status, reason.Message);
        Refusal.WithStatus(context, status, message);
    }

    private static string TooLarge(HttpContext context)
    {
        var endpoint = context.GetEndpoint()?.Metadata;
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize
            ?? endpoint?.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? endpoint?.GetMetadata<IFormOptionsMetadata>()?.MultipartBodyLengthLimit;
        var size = context.Request.ContentLength is { } length ? $" ({Megabytes(length)} MB)" : "";
        return limit is { } max
            ? $"The upload{size} is larger than this form accepts ({Megabytes(max)} MB at most). Split the file into smaller ones and upload each."
            : $"The upload{size} is larger than this form accepts. Split the file into smaller ones and upload each.";
    }

    private static string Megabytes(long bytes) => (bytes / (1024d * 1024)).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The name of the first url-encoded field whose value (or name) holds a NUL, read back from the buffered body.</summary>
    private static async Task<string?> FieldWithNulAsync(HttpRequest request)
    {
        if (!request.Body.CanSeek)
        {
            return null;
        }

        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync();
        foreach (var pair in body.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            if (name.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
            {
                return name.Replace("\0", "", StringComparison.Ordinal);
            }
        }

        return null;

        static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
    }
}
