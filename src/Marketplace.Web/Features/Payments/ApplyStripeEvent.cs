using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Stripe;

namespace Marketplace.Web.Features.Payments;

/// <summary>
/// A Stripe event, its signature verified by the webhook. Runs once per event id (the inbox): Stripe's retries and
/// replays find the first response and change nothing. What each type does is in <see cref="StripeEvents"/>.
/// </summary>
public static class ApplyStripeEvent
{
    /// <summary>The types the webhook acts on; the Stripe endpoint should be subscribed to these (README, "Stripe").</summary>
    public static readonly IReadOnlyList<string> HandledTypes =
    [
        EventTypes.CheckoutSessionCompleted, EventTypes.CheckoutSessionAsyncPaymentSucceeded, EventTypes.CheckoutSessionAsyncPaymentFailed,
        EventTypes.CheckoutSessionExpired, EventTypes.PaymentIntentSucceeded, EventTypes.PaymentIntentPaymentFailed, EventTypes.ChargeRefunded,
        EventTypes.ChargeRefundUpdated, EventTypes.ChargeDisputeCreated, EventTypes.ChargeDisputeClosed, EventTypes.TransferCreated,
        EventTypes.TransferReversed, EventTypes.PayoutPaid, EventTypes.PayoutFailed, EventTypes.AccountUpdated,
    ];

    [AllowedRoles(Roles.System)]
    public sealed record Command(string EventId, string Json) : ICommand<string>, IIdempotentCommand
    {
        public string? IdempotencyKey => IdempotencyKeys.ForStripeEvent(EventId);
    }

    public sealed class Handler(StripeEvents events) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken) =>
            await events.ApplyAsync(EventUtility.ParseEvent(command.Json, throwOnApiVersionMismatch: false), command.Json, cancellationToken);
    }
}
