namespace Marketplace.Web.Domain.Storefront;

/// <summary>What the records say about an order besides the order itself, read once for the payout's release condition.</summary>
/// <param name="InvoicePaid">The buyer's invoice is paid: a purchase-order order ships before payment, and sellers are paid from collected money only.</param>
/// <param name="CardPaymentDisputed">Stripe reports a chargeback on the card payment that has not closed.</param>
/// <param name="OpenReturns">Return requests and warranty claims on the order that are requested or approved but not resolved.</param>
/// <param name="OpenDisputes">The buyer's disputes about the order that the platform's admin has not resolved.</param>
/// <param name="W9OnFile">The seller has an approved, current W-9.</param>
public sealed record OrderPayoutFacts(bool InvoicePaid, bool CardPaymentDisputed, int OpenReturns, int OpenDisputes, bool W9OnFile);

/// <summary>
/// Why a storefront order's seller is not paid yet, in plain words for the seller and for finance; none when the payout
/// is due. A refurbisher is paid once the order is delivered and its return window has passed with nothing open against
/// it (escrow, as a lot is paid only once certified), from money the buyer paid, and only to a payee with a W-9 on file
/// (IRS Form 1099-K/1099-MISC reporting needs the payee's TIN before money goes out).
/// </summary>
public sealed record OrderPayoutHold(string Reason)
{
    /// <summary>
    /// The first day the payout may go: the day after the return window closes. A return is accepted through day
    /// <see cref="Listing.ReturnWindowDays"/> after the last delivery (<see cref="ReturnRequest.Open"/>); null while undelivered.
    /// </summary>
    public static DateOnly? DueOn(Order order) =>
        order.DeliveredAt is { } delivered ? DateOnly.FromDateTime(delivered.UtcDateTime).AddDays(Listing.ReturnWindowDays + 1) : null;

    /// <summary>The first reason the payout waits, or null when it is due.</summary>
    public static OrderPayoutHold? Of(Order order, OrderPayoutFacts facts, DateTimeOffset now)
    {
        if (order.Status == OrderStatus.Cancelled)
        {
            return new("the order was cancelled");
        }

        if (DueOn(order) is not { } due)
        {
            return new("the order is not delivered yet");
        }

        if (DateOnly.FromDateTime(now.UtcDateTime) < due)
        {
            return new($"the {Listing.ReturnWindowDays}-day return window is open until {due.AddDays(-1):MMMM d, yyyy}");
        }

        if (facts.OpenReturns > 0)
        {
            return new(facts.OpenReturns == 1 ? "a return request on the order is still open" : $"{facts.OpenReturns} return requests on the order are still open");
        }

        if (facts.OpenDisputes > 0)
        {
            return new("the buyer's dispute about the order is still open");
        }

        if (facts.CardPaymentDisputed)
        {
            return new("the buyer's card payment is disputed; the funds wait until Stripe closes the dispute");
        }

        if (!facts.InvoicePaid)
        {
            return new("the buyer has not paid the invoice yet; sellers are paid from collected money");
        }

        return facts.W9OnFile ? null : new("no W-9 on file");
    }
}
