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

    /// <returns>The transfer id, or null when payouts are sent by finance outside the platform.</returns>
    Task<string?> TransferAsync(Money amount, string? destinationAccount, string idempotencyKey, CancellationToken cancellationToken);
}

public sealed class OfflinePaymentProvider : IPaymentProvider
{
    public string Name => "Offline (purchase order, ACH, check)";
    public bool AcceptsCards => false;

    public Task<CardCheckout> StartCardCheckoutAsync(Invoice invoice, Uri successUrl, Uri cancelUrl, CancellationToken cancellationToken) =>
        throw new DomainException("Card payments are not enabled on this marketplace; pay by purchase order instead.");

    public Task<string?> TransferAsync(Money amount, string? destinationAccount, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}

public sealed class StripePaymentProvider(IStripeClient client) : IPaymentProvider
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
        var session = await new SessionService(client).CreateAsync(options,
            new RequestOptions { IdempotencyKey = $"checkout-{invoice.Id}" }, cancellationToken);
        return new CardCheckout(session.Id, session.Url);
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
