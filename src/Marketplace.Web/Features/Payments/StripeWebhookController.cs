using System.Text.Json;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Infrastructure.Payments;
using Marketplace.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Stripe;

namespace Marketplace.Web.Features.Payments;

/// <summary>
/// Stripe calls this with signed events. The signature (HMAC-SHA256 over timestamp and body, with a
/// tolerance window against replays) is the authentication, so anti-forgery does not apply.
/// </summary>
[ApiController]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(RateLimits.Webhooks)]
public sealed class StripeWebhookController(ISender sender, IOptions<StripeOptions> options, CurrentUser currentUser, ILogger<StripeWebhookController> logger) : ControllerBase
{
    [HttpPost("/webhooks/stripe")]
    public async Task<IActionResult> Receive(CancellationToken cancellationToken)
    {
        var secret = options.Value.WebhookSecret;
        if (string.IsNullOrWhiteSpace(secret))
        {
            return NotFound();
        }

        using var reader = new StreamReader(Request.Body);
        var json = await reader.ReadToEndAsync(cancellationToken);
        var signature = Request.Headers["Stripe-Signature"].ToString();
        if (string.IsNullOrWhiteSpace(signature))
        {
            // Stripe.net's parser dereferences the header without checking it.
            return Rejected("Missing Stripe-Signature header.");
        }

        try
        {
            EventUtility.ValidateSignature(json, signature, secret, options.Value.WebhookToleranceSeconds);
        }
        catch (StripeException ex)
        {
            return Rejected("Invalid Stripe signature.", ex.Message);
        }

        // A valid signature only says who sent the body (a leaked secret, a test tool, Stripe itself), not that it is an
        // event this code can read: Stripe.net throws JSON and null-reference errors on anything else.
        if (NotAnEvent(json) is { } shape)
        {
            return Rejected($"Not a Stripe event: {shape}.");
        }

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ParseEvent(json, throwOnApiVersionMismatch: false);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or StripeException or FormatException)
        {
            return Rejected("Not a Stripe event: its fields have the wrong types.", ex.Message);
        }

        if (!ApplyStripeEvent.HandledTypes.Contains(stripeEvent.Type))
        {
            // Acknowledged so Stripe stops retrying; the endpoint may be subscribed to more than this code acts on.
            logger.LogInformation("Stripe event {EventId} of type {Type} acknowledged, not acted on", stripeEvent.Id, stripeEvent.Type);
            return Ok(new { received = true, ignored = stripeEvent.Type });
        }

        currentUser.ActAsSystem();
        var result = await sender.Send(new ApplyStripeEvent.Command(stripeEvent.Id, json), cancellationToken);
        return Ok(new { received = true, result });
    }

    private BadRequestObjectResult Rejected(string error, string? detail = null)
    {
        logger.LogWarning("Rejected Stripe webhook: {Reason} {Detail}", error, detail);
        return BadRequest(new { error });
    }

    /// <summary>Why the body is not shaped like an event (an object with a string id and type and a data object), or null.</summary>
    private static string? NotAnEvent(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind != JsonValueKind.Object ? $"the body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object"
                : !IsString(root, "id") ? "no string \"id\""
                : !IsString(root, "type") ? "no string \"type\""
                : !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                  || !data.TryGetProperty("object", out var inner) || inner.ValueKind != JsonValueKind.Object ? "no \"data.object\""
                : null;
        }
        catch (JsonException)
        {
            return "the body is not JSON";
        }

        static bool IsString(JsonElement element, string name) => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String;
    }
}
