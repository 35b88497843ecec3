using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Infrastructure.Payments;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace Marketplace.Web.Features.Payments;

/// <summary>
/// Stripe calls this with signed events. The signature (HMAC-SHA256 over timestamp and body, with a
/// tolerance window against replays) is the authentication, so anti-forgery does not apply.
/// </summary>
[ApiController]
[IgnoreAntiforgeryToken]
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
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(json, Request.Headers["Stripe-Signature"], secret,
                tolerance: options.Value.WebhookToleranceSeconds, throwOnApiVersionMismatch: false);
        }
        catch (StripeException ex)
        {
            logger.LogWarning("Rejected Stripe webhook: {Reason}", ex.Message);
            return BadRequest(new { error = "Invalid Stripe signature." });
        }

        currentUser.ActAsSystem();
        if (stripeEvent.Type == EventTypes.CheckoutSessionCompleted && stripeEvent.Data.Object is Session { PaymentStatus: "paid" } session)
        {
            var matched = await sender.Send(new RecordCardPayment.Command(session.Id, session.PaymentIntentId ?? session.Id, IdempotencyKeys.ForStripeEvent(stripeEvent.Id)), cancellationToken);
            return Ok(new { received = true, matched });
        }

        return Ok(new { received = true, ignored = stripeEvent.Type });
    }
}
