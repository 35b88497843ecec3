using Marketplace.Web.Domain;
using Marketplace.Web.Infrastructure.Payments;

namespace Marketplace.Web.Features.Settlement;

/// <summary>
/// What a payout job asks before a Stripe transfer to a seller's connected account (a district's for a lot, a refurbisher's
/// for a storefront order): whether the account can receive it, and whether a transfer would only cover Stripe's debit.
/// </summary>
internal static class ConnectedAccountTransfer
{
    /// <summary>
    /// Why <paramref name="seller"/>'s account cannot receive a transfer now, or null. The account's status is asked of Stripe
    /// when Stripe never reported it (its webhook keeps it current afterwards).
    /// </summary>
    public static async Task<string?> BlockedBecauseAsync(IPaymentProvider payments, Organization seller, string account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (seller.StripeAccountCheckedAt is null && await payments.ConnectedAccountAsync(account, cancellationToken) is { } status)
        {
            seller.ApplyStripeAccountStatus(status.ChargesEnabled, status.PayoutsEnabled, status.CurrentlyDue, now);
        }

        return seller.StripeTransferBlockedBecause();
    }

    /// <summary>Why a transfer of <paramref name="amount"/> would only pay off Stripe's debit (the account's balance is negative), or null.</summary>
    public static async Task<string?> NegativeBalanceAsync(IPaymentProvider payments, string account, Money amount, CancellationToken cancellationToken) =>
        await payments.AvailableBalanceAsync(account, amount.Currency, cancellationToken) is { Amount: < 0 } balance
            ? $"the Stripe connected account's balance is negative ({balance}); a transfer would only cover Stripe's debit"
            : null;
}
