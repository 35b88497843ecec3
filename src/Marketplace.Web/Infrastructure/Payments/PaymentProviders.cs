using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;
using Invoice = Marketplace.Web.Domain.Finance.Invoice;

namespace Marketplace.Web.Infrastructure.Payments;

public sealed class StripeOptions
{
    public const string Section = "Stripe";

    public string? SecretKey { get; set; }
    public string? WebhookSecret { get; set; }

    /// <summary>Override of Stripe's API address; tests point it at a local server that answers like Stripe.</summary>
    public string? ApiBase { get; set; }

    /// <summary>Webhook events older than this are refused (replay protection).</summary>
    public int WebhookToleranceSeconds { get; set; } = 300;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey);
}

public sealed record CardCheckout(string SessionId, string RedirectUrl);

/// <summary>
/// How buyers pay and districts get paid. Stripe when keys are configured; otherwise the offline
/// provider, where purchase orders, ACH, wires and checks are recorded by finance.
/// </summary>
public interface IPaymentProvider
{
    string Name { get; }
    bool AcceptsCards { get; }

    Task<CardCheckout> StartCardCheckoutAsync(Invoice invoice, Uri successUrl, Uri cancelUrl, CancellationToken cancellationToken);

    /// <summary>Closes a card checkout the buyer no longer uses, so it cannot be paid afterwards.</summary>
    /// <returns>False when the buyer already paid through it (the payment stands; its webhook records it).</returns>
    Task<bool> CloseCardCheckoutAsync(string sessionId, CancellationToken cancellationToken);

    /// <returns>The transfer id, or null when payouts are sent by finance outside the platform.</returns>
    Task<string?> TransferAsync(Money amount, string? destinationAccount, string idempotencyKey, CancellationToken cancellationToken);
}

public sealed class OfflinePaymentProvider : IPaymentProvider
{
    public string Name => "Offline (purchase order, ACH, check)";
    public bool AcceptsCards => false;

    public Task<CardCheckout> StartCardCheckoutAsync(Invoice invoice, Uri successUrl, Uri cancelUrl, CancellationToken cancellationToken) =>
        throw new DomainException("Card payments are not enabled on this marketplace; pay by purchase order instead.");

    // Without Stripe no card checkout was ever opened.
    public Task<bool> CloseCardCheckoutAsync(string sessionId, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<string?> TransferAsync(Money amount, string? destinationAccount, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}

public sealed class StripePaymentProvider(IStripeClient client, ILogger<StripePaymentProvider> logger) : IPaymentProvider
{
    public string Name => "Stripe";
    public bool AcceptsCards => true;

    public async Task<CardCheckout> StartCardCheckoutAsync(Invoice invoice, Uri successUrl, Uri cancelUrl, CancellationToken cancellationToken)
    {
        var options = new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = invoice.Id.ToString(),
            SuccessUrl = successUrl.ToString(),
            CancelUrl = cancelUrl.ToString(),
            Metadata = new Dictionary<string, string> { ["invoice_id"] = invoice.Id.ToString(), ["invoice_number"] = invoice.Number },
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = invoice.Currency.ToLowerInvariant(),
                        UnitAmount = new Money(invoice.Amount, invoice.Currency).MinorUnits,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = $"{invoice.Number}: {invoice.Description}" },
                    },
                },
            ],
        };
        try
        {
            var session = await new SessionService(client).CreateAsync(options,
                new RequestOptions { IdempotencyKey = $"checkout-{invoice.Id}" }, cancellationToken);
            return new CardCheckout(session.Id, session.Url);
        }
        catch (StripeException e)
        {
            // The buyer gets Stripe's own words for a refusal (they are written for card holders); the caller's
            // transaction rolls back, so nothing of the order is kept.
            logger.LogWarning(e, "Stripe refused a checkout session for invoice {Invoice}", invoice.Number);
            throw new DomainException(e.StripeError?.Message is { Length: > 0 } reason
                ? $"The card payment could not be started: {reason} Nothing was ordered; try again or pay by purchase order."
                : "Card payments are unavailable right now. Nothing was ordered; try again in a few minutes or pay by purchase order.");
        }
    }

    public async Task<bool> CloseCardCheckoutAsync(string sessionId, CancellationToken cancellationToken)
    {
        var sessions = new SessionService(client);
        try
        {
            await sessions.ExpireAsync(sessionId, null, new RequestOptions { IdempotencyKey = $"expire-{sessionId}" }, cancellationToken);
            return true;
        }
        catch (StripeException)
        {
            // Stripe expires only open sessions: one that is complete was paid, one already expired can no longer be.
            var session = await sessions.GetAsync(sessionId, null, null, cancellationToken);
            return session.Status != "complete";
        }
    }

    public async Task<string?> TransferAsync(Money amount, string? destinationAccount, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(destinationAccount))
        {
            return null;
        }

        var transfer = await new TransferService(client).CreateAsync(new TransferCreateOptions
        {
            Amount = amount.MinorUnits,
            Currency = amount.Currency.ToLowerInvariant(),
            Destination = destinationAccount,
        }, new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
        return transfer.Id;
    }
}

public static class PaymentServiceCollectionExtensions
{
    public static IServiceCollection AddMarketplacePayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StripeOptions>(configuration.GetSection(StripeOptions.Section));
        var stripe = configuration.GetSection(StripeOptions.Section).Get<StripeOptions>() ?? new StripeOptions();
        if (stripe.IsConfigured)
        {
            services.AddSingleton<IStripeClient>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<StripeOptions>>().Value;
                var clientOptions = new StripeClientOptions { ApiKey = options.SecretKey };
                if (!string.IsNullOrWhiteSpace(options.ApiBase))
                {
                    clientOptions.ApiBase = options.ApiBase;
                }

                return new StripeClient(clientOptions);
            });
            services.AddSingleton<IPaymentProvider, StripePaymentProvider>();
        }
        else
        {
            services.AddSingleton<IPaymentProvider, OfflinePaymentProvider>();
        }

        return services;
    }
}
