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

    /// <summary>How long one API call may take before the client gives up (and, within <see cref="MaxNetworkRetries"/>, retries with the same idempotency key).</summary>
    public int RequestTimeoutSeconds { get; set; } = 80;

    /// <summary>Stripe.net's own retries of a failed call (same idempotency key); the job's retry comes on top.</summary>
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>Stripe's fee for a lost dispute when the dispute's balance transactions do not state it (USD 15 in the US).</summary>
    public decimal DisputeFee { get; set; } = 15m;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey);
}

/// <summary>
/// A transfer of a seller's proceeds to its connected account, the marketplace way ("separate charges and transfers"):
/// in the sale's transfer group and funded by the buyer's charge (<c>source_transaction</c>), so it never runs ahead of
/// the buyer's money.
/// </summary>
public sealed record SellerTransfer(Money Amount, string DestinationAccount, string IdempotencyKey, string TransferGroup, string? SourceTransaction);

/// <summary>A connected account's standing as Stripe reports it.</summary>
public sealed record ConnectedAccountStatus(bool ChargesEnabled, bool PayoutsEnabled, IReadOnlyList<string> CurrentlyDue);

/// <summary>What Stripe holds about a charge: its payment intent and the processing fee from its balance transaction.</summary>
public sealed record ChargeFacts(string ChargeId, string? PaymentIntentId, decimal Amount, decimal Fee, string Currency);

/// <summary>One movement of the platform's Stripe balance (Stripe's balance transaction), amounts in major units.</summary>
public sealed record StripeBalanceMovement(string Id, string Type, string? Source, decimal Amount, decimal Fee, decimal Net, string Currency, DateTimeOffset Created);

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

    /// <returns>The transfer id, or null when payouts are sent by finance outside the platform.</returns>
    Task<string?> TransferAsync(SellerTransfer transfer, CancellationToken cancellationToken);

    /// <summary>Takes money back from a seller's connected account (Stripe does not do it by itself when the buyer is refunded).</summary>
    /// <returns>The transfer reversal id.</returns>
    Task<string> ReverseTransferAsync(string transferId, Money amount, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The connected account's available balance in <paramref name="currency"/>, or null when there is no such thing offline.</summary>
    Task<Money?> AvailableBalanceAsync(string connectedAccount, string currency, CancellationToken cancellationToken);

    /// <summary>
    /// Gives part of a card payment back to the buyer. The ledger is not posted here: Stripe's <c>charge.refunded</c> event
    /// posts it (once per refund id), so a refund is recorded the same way whether it started here or in Stripe's dashboard.
    /// </summary>
    /// <returns>The refund id.</returns>
    Task<string> RefundCardPaymentAsync(Invoice invoice, Money amount, string idempotencyKey, CancellationToken cancellationToken);

    Task<ConnectedAccountStatus?> ConnectedAccountAsync(string connectedAccount, CancellationToken cancellationToken);

    Task<ChargeFacts?> ChargeAsync(string chargeId, CancellationToken cancellationToken);

    /// <summary>The platform's Stripe balance transactions created in [from, to), every page of them.</summary>
    Task<IReadOnlyList<StripeBalanceMovement>> BalanceMovementsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
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

    public Task<string?> TransferAsync(SellerTransfer transfer, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task<string> ReverseTransferAsync(string transferId, Money amount, string idempotencyKey, CancellationToken cancellationToken) =>
        throw new DomainException("Stripe is not configured on this marketplace, so there is no transfer to reverse.");

    public Task<string> RefundCardPaymentAsync(Invoice invoice, Money amount, string idempotencyKey, CancellationToken cancellationToken) =>
        throw new DomainException($"Stripe is not configured on this marketplace, so invoice {invoice.Number} has no card payment to refund.");

    public Task<Money?> AvailableBalanceAsync(string connectedAccount, string currency, CancellationToken cancellationToken) => Task.FromResult<Money?>(null);

    public Task<ConnectedAccountStatus?> ConnectedAccountAsync(string connectedAccount, CancellationToken cancellationToken) =>
        Task.FromResult<ConnectedAccountStatus?>(null);

    public Task<ChargeFacts?> ChargeAsync(string chargeId, CancellationToken cancellationToken) => Task.FromResult<ChargeFacts?>(null);

    public Task<IReadOnlyList<StripeBalanceMovement>> BalanceMovementsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StripeBalanceMovement>>([]);
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
            // Separate charges and transfers: the platform charges the buyer; the seller's transfer later joins this group.
            PaymentIntentData = new SessionPaymentIntentDataOptions
            {
                TransferGroup = invoice.TransferGroup(),
                Metadata = new Dictionary<string, string> { ["invoice_id"] = invoice.Id.ToString(), ["invoice_number"] = invoice.Number },
            },
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
                new RequestOptions { IdempotencyKey = invoice.CheckoutIdempotencyKey() }, cancellationToken);
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

    public async Task<string?> TransferAsync(SellerTransfer transfer, CancellationToken cancellationToken)
    {
        var created = await new TransferService(client).CreateAsync(new TransferCreateOptions
        {
            Amount = transfer.Amount.MinorUnits,
            Currency = transfer.Amount.Currency.ToLowerInvariant(),
            Destination = transfer.DestinationAccount,
            TransferGroup = transfer.TransferGroup,
            SourceTransaction = transfer.SourceTransaction,
        }, new RequestOptions { IdempotencyKey = transfer.IdempotencyKey }, cancellationToken);
        return created.Id;
    }

    public async Task<string> ReverseTransferAsync(string transferId, Money amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        var reversal = await new TransferReversalService(client).CreateAsync(transferId, new TransferReversalCreateOptions { Amount = amount.MinorUnits },
            new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
        return reversal.Id;
    }

    public async Task<string> RefundCardPaymentAsync(Invoice invoice, Money amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (invoice.StripeChargeId is null && invoice.StripePaymentIntentId is null)
        {
            throw new DomainException($"Invoice {invoice.Number} has no card payment to refund.");
        }

        var refund = await new RefundService(client).CreateAsync(new RefundCreateOptions
        {
            Charge = invoice.StripeChargeId,
            PaymentIntent = invoice.StripeChargeId is null ? invoice.StripePaymentIntentId : null,
            Amount = amount.MinorUnits,
            Metadata = new Dictionary<string, string> { ["invoice"] = invoice.Number },
        }, new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
        return refund.Id;
    }

    public async Task<Money?> AvailableBalanceAsync(string connectedAccount, string currency, CancellationToken cancellationToken)
    {
        var balance = await new BalanceService(client).GetAsync(new RequestOptions { StripeAccount = connectedAccount }, cancellationToken);
        var minor = balance.Available.Where(a => string.Equals(a.Currency, currency, StringComparison.OrdinalIgnoreCase)).Sum(a => a.Amount);
        return Money.FromMinorUnits(minor, currency);
    }

    public async Task<ConnectedAccountStatus?> ConnectedAccountAsync(string connectedAccount, CancellationToken cancellationToken)
    {
        var account = await new AccountService(client).GetAsync(connectedAccount, null, null, cancellationToken);
        return new ConnectedAccountStatus(account.ChargesEnabled, account.PayoutsEnabled, account.Requirements?.CurrentlyDue ?? []);
    }

    public async Task<ChargeFacts?> ChargeAsync(string chargeId, CancellationToken cancellationToken)
    {
        var charge = await new ChargeService(client).GetAsync(chargeId, null, null, cancellationToken);
        var fee = 0L;
        if (charge.BalanceTransactionId is { Length: > 0 } transactionId)
        {
            fee = (await new BalanceTransactionService(client).GetAsync(transactionId, null, null, cancellationToken)).Fee;
        }

        return new ChargeFacts(charge.Id, charge.PaymentIntentId, Money.FromMinorUnits(charge.Amount, charge.Currency).Amount,
            Money.FromMinorUnits(fee, charge.Currency).Amount, charge.Currency.ToUpperInvariant());
    }

    public async Task<IReadOnlyList<StripeBalanceMovement>> BalanceMovementsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var movements = new List<StripeBalanceMovement>();
        var options = new BalanceTransactionListOptions
        {
            Limit = 100,
            Created = new DateRangeOptions { GreaterThanOrEqual = from.UtcDateTime, LessThan = to.UtcDateTime },
        };
        // ListAutoPagingAsync follows has_more with starting_after, page by page.
        await foreach (var transaction in new BalanceTransactionService(client).ListAutoPagingAsync(options, null, cancellationToken))
        {
            movements.Add(new StripeBalanceMovement(transaction.Id, transaction.Type, transaction.SourceId,
                Money.FromMinorUnits(transaction.Amount, transaction.Currency).Amount, Money.FromMinorUnits(transaction.Fee, transaction.Currency).Amount,
                Money.FromMinorUnits(transaction.Net, transaction.Currency).Amount, transaction.Currency.ToUpperInvariant(), transaction.Created));
        }

        return movements;
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
                var clientOptions = new StripeClientOptions
                {
                    ApiKey = options.SecretKey,
                    HttpClient = new SystemNetHttpClient(new HttpClient { Timeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds) }, options.MaxNetworkRetries),
                };
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
