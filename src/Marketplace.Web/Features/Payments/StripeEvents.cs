using System.Linq.Expressions;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Settlement;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Payments;
using Marketplace.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;
using Invoice = Marketplace.Web.Domain.Finance.Invoice;
using Payout = Marketplace.Web.Domain.Finance.Payout;
using StripeRefund = Stripe.Refund;
using PaymentMethod = Marketplace.Web.Domain.Finance.PaymentMethod;

namespace Marketplace.Web.Features.Payments;

/// <summary>
/// What each Stripe event does to our records and the ledger. Every posting has a key from Stripe's own ids (the
/// refund, the dispute, the charge), so an event delivered again under another id (Stripe re-sends after a failure;
/// charge.refunded and charge.refund.updated both carry a refund) never posts twice. Events about a payment we do not
/// know yet are parked and applied when it arrives.
/// </summary>
public sealed class StripeEvents(
    MarketplaceDb db, IClock clock, Outbox outbox, IPaymentProvider payments, InvoiceSettlement settlement, IOptions<StripeOptions> options,
    ILogger<StripeEvents> logger)
{
    public async Task<string> ApplyAsync(Event stripeEvent, string json, CancellationToken cancellationToken)
    {
        var result = stripeEvent.Data.Object switch
        {
            Session session when stripeEvent.Type is EventTypes.CheckoutSessionCompleted or EventTypes.CheckoutSessionAsyncPaymentSucceeded =>
                await CheckoutPaidAsync(session, cancellationToken),
            Session session when stripeEvent.Type is EventTypes.CheckoutSessionAsyncPaymentFailed =>
                await CheckoutFailedAsync(session, "The bank payment for the card checkout failed.", cancellationToken),
            Session session when stripeEvent.Type is EventTypes.CheckoutSessionExpired =>
                await CheckoutFailedAsync(session, "The card payment page expired before the payment was made.", cancellationToken),
            PaymentIntent intent when stripeEvent.Type is EventTypes.PaymentIntentSucceeded => await PaymentSucceededAsync(intent, cancellationToken),
            PaymentIntent intent when stripeEvent.Type is EventTypes.PaymentIntentPaymentFailed => await PaymentFailedAsync(intent, cancellationToken),
            Charge charge when stripeEvent.Type is EventTypes.ChargeRefunded => await ChargeRefundedAsync(stripeEvent, json, charge, cancellationToken),
            StripeRefund refund when stripeEvent.Type is EventTypes.ChargeRefundUpdated => await RefundUpdatedAsync(stripeEvent, json, refund, cancellationToken),
            Dispute dispute when stripeEvent.Type is EventTypes.ChargeDisputeCreated or EventTypes.ChargeDisputeClosed =>
                await DisputeAsync(stripeEvent, json, dispute, cancellationToken),
            Transfer transfer when stripeEvent.Type is EventTypes.TransferCreated => await TransferCreatedAsync(transfer, cancellationToken),
            Transfer transfer when stripeEvent.Type is EventTypes.TransferReversed => await TransferReversedAsync(transfer, cancellationToken),
            Stripe.Payout payout when stripeEvent.Type is EventTypes.PayoutPaid or EventTypes.PayoutFailed =>
                await StripePayoutAsync(stripeEvent, payout, cancellationToken),
            Stripe.Account account when stripeEvent.Type is EventTypes.AccountUpdated => await AccountUpdatedAsync(account, cancellationToken),
            _ => $"ignored {stripeEvent.Type}",
        };
        logger.LogInformation("Stripe event {EventId} ({Type}): {Result}", stripeEvent.Id, stripeEvent.Type, result);
        return result;
    }

    // ---- Paying -------------------------------------------------------------------------------------------------

    private async Task<string> CheckoutPaidAsync(Session session, CancellationToken cancellationToken)
    {
        if (session.PaymentStatus != "paid")
        {
            // An asynchronous method (bank debit) was submitted: async_payment_succeeded or _failed follows.
            return "payment pending";
        }

        var invoice = await InvoiceAsync(session.Id, session.PaymentIntentId, InvoiceIdOf(session.Metadata), cancellationToken);
        if (invoice is null)
        {
            logger.LogWarning("Stripe session {SessionId} matches no invoice", session.Id);
            return "no matching invoice";
        }

        var paid = await PayAsync(invoice, session.PaymentIntentId ?? session.Id, cancellationToken);
        invoice.RecordStripePayment(session.PaymentIntentId, null);
        var parked = await ApplyParkedAsync(invoice, cancellationToken);
        return $"{(paid ? "paid" : "already paid")} {invoice.Number}{parked}";
    }

    private async Task<string> CheckoutFailedAsync(Session session, string reason, CancellationToken cancellationToken)
    {
        var invoice = await InvoiceAsync(session.Id, null, InvoiceIdOf(session.Metadata), cancellationToken);
        if (invoice is null || !invoice.CardAttemptFailed(session.Id, reason))
        {
            return "nothing to reopen";
        }

        outbox.Email(invoice.PayerId, $"Card payment for {invoice.Number} did not go through",
            $"{reason} Invoice {invoice.Number} ({invoice.Amount:C}) is still open: pay it again by card from your orders page, or switch it to a purchase order.");
        return $"invoice {invoice.Number} open again";
    }

    private async Task<string> PaymentSucceededAsync(PaymentIntent intent, CancellationToken cancellationToken)
    {
        var invoice = await InvoiceAsync(null, intent.Id, InvoiceIdOf(intent.Metadata), cancellationToken);
        if (invoice is null)
        {
            logger.LogWarning("Stripe payment intent {PaymentIntent} matches no invoice", intent.Id);
            return "no matching invoice";
        }

        // Stripe does not order its events: the payment intent may come before the checkout session that made it.
        var paid = await PayAsync(invoice, intent.Id, cancellationToken);
        invoice.RecordStripePayment(intent.Id, intent.LatestChargeId);
        var fee = "";
        if (intent.LatestChargeId is { Length: > 0 } chargeId && await payments.ChargeAsync(chargeId, cancellationToken) is { Fee: > 0 } charge)
        {
            await PostOnceAsync(LedgerPostings.StripeFee(invoice, chargeId, charge.Fee, clock.Now, await DistrictOfAsync(invoice, cancellationToken)), cancellationToken);
            fee = $", Stripe fee {charge.Fee:0.00}";
        }

        var parked = await ApplyParkedAsync(invoice, cancellationToken);
        return $"{(paid ? "paid" : "already paid")} {invoice.Number}{fee}{parked}";
    }

    private async Task<string> PaymentFailedAsync(PaymentIntent intent, CancellationToken cancellationToken)
    {
        var invoice = await InvoiceAsync(null, intent.Id, InvoiceIdOf(intent.Metadata), cancellationToken);
        if (invoice is null || invoice.Status != InvoiceStatus.Open)
        {
            return "nothing to tell";
        }

        var reason = intent.LastPaymentError?.Message is { Length: > 0 } message ? message : "The card was declined.";
        invoice.NotePaymentFailure(reason);
        outbox.Email(invoice.PayerId, $"Card payment for {invoice.Number} failed",
            $"Stripe could not take the payment for invoice {invoice.Number} ({invoice.Amount:C}): {reason}\nThe invoice is still open; try another card or pay by purchase order.");
        return $"failure noted on {invoice.Number}";
    }

    private async Task<bool> PayAsync(Invoice invoice, string reference, CancellationToken cancellationToken)
    {
        if (invoice.Status != InvoiceStatus.Open)
        {
            return false;
        }

        await settlement.SettleAsync(invoice, PaymentMethod.Card, reference, cancellationToken);
        return true;
    }

    // ---- Refunds ------------------------------------------------------------------------------------------------

    private async Task<string> ChargeRefundedAsync(Event stripeEvent, string json, Charge charge, CancellationToken cancellationToken)
    {
        var invoice = await PaidInvoiceAsync(charge.Id, charge.PaymentIntentId, cancellationToken);
        if (invoice is null)
        {
            return await ParkAsync(stripeEvent, json, charge.Id, charge.PaymentIntentId, cancellationToken);
        }

        invoice.RecordStripePayment(charge.PaymentIntentId, charge.Id);
        var applied = 0m;
        if (charge.Refunds?.Data is { Count: > 0 } refunds)
        {
            foreach (var refund in refunds.Where(r => r.Status is "succeeded" or "pending"))
            {
                applied += await RefundAsync(invoice, refund.Id, Major(refund.Amount), cancellationToken);
            }
        }
        else if (Major(charge.AmountRefunded) - invoice.RefundedAmount is > 0 and var unrecorded)
        {
            // Newer API versions leave the refunds list out of the charge: what is refunded beyond what we recorded is one refund.
            applied += await RefundAsync(invoice, $"{charge.Id}:{charge.AmountRefunded}", unrecorded, cancellationToken);
        }

        return applied > 0 ? $"refunded {applied:0.00} on {invoice.Number}" : "refunds already recorded";
    }

    private async Task<string> RefundUpdatedAsync(Event stripeEvent, string json, StripeRefund refund, CancellationToken cancellationToken)
    {
        var invoice = await PaidInvoiceAsync(refund.ChargeId, refund.PaymentIntentId, cancellationToken);
        if (invoice is null)
        {
            return await ParkAsync(stripeEvent, json, refund.ChargeId, refund.PaymentIntentId, cancellationToken);
        }

        if (refund.Status is "succeeded" or "pending")
        {
            var applied = await RefundAsync(invoice, refund.Id, Major(refund.Amount), cancellationToken);
            return applied > 0 ? $"refunded {applied:0.00} on {invoice.Number}" : "refund already recorded";
        }

        if (refund.Status is "failed" or "canceled" && await PostingAsync($"refund:{refund.Id}", cancellationToken) is { } posted)
        {
            // The money never left: the refund's posting is undone and the buyer told. A reversal made for it stays (the
            // seller is owed the money again, which the undone posting restores).
            await PostOnceAsync(LedgerPostings.Reversal(posted, $"refund-failed:{refund.Id}", LedgerSource.RefundFailed,
                $"Refund {refund.Id} on invoice {invoice.Number} {refund.Status}", clock.Now), cancellationToken);
            invoice.RecordRefund(-Major(refund.Amount));
            outbox.Email(invoice.PayerId, $"Refund on {invoice.Number} {refund.Status}",
                $"Stripe reported the refund of {Major(refund.Amount):C} on invoice {invoice.Number} as {refund.Status}{(refund.FailureReason is { } why ? $" ({why})" : "")}. Contact the marketplace's finance team.");
            return $"refund {refund.Id} {refund.Status}: posting reversed";
        }

        return $"refund {refund.Id} {refund.Status}";
    }

    /// <summary>
    /// Money back to the buyer from the Stripe balance. The seller's share is taken back from its connected account first
    /// when its payout was already transferred (Stripe does not do that by itself), once per refund.
    /// </summary>
    /// <returns>The amount applied now (0 when this refund was recorded before).</returns>
    private async Task<decimal> RefundAsync(Invoice invoice, string refundId, decimal amount, CancellationToken cancellationToken)
    {
        var key = $"refund:{refundId}";
        if (await PostingAsync(key, cancellationToken) is not null)
        {
            return 0;
        }

        await ReturnToBuyerAsync(invoice, key, LedgerSource.Refund, $"Refund {refundId} on invoice {invoice.Number}", amount, LedgerAccount.StripeClearing,
            $"reversal-{refundId}", cancellationToken);
        outbox.Email(invoice.PayerId, $"Refund of {amount:C} on {invoice.Number}", $"{amount:C} of invoice {invoice.Number} was refunded to your card (Stripe refund {refundId}).");
        return amount;
    }

    /// <summary>
    /// Money back to the buyer that the marketplace decided (an admin resolving a buyer's dispute, a return credited on a
    /// purchase order's invoice): a card refund made through Stripe, posted under <c>refund:{refund id}</c> so that its
    /// charge.refunded webhook finds it recorded, or a credit (<paramref name="from"/> = buyer credits that finance pays, or
    /// the buyer's receivable reduced). The seller's share comes off its payable as for any refund,
    /// and a transfer already sent to it is reversed by that share, once.
    /// </summary>
    /// <returns>False when the posting was already made (a retried resolution).</returns>
    public async Task<bool> ReturnDecidedRefundAsync(Invoice invoice, string key, string description, decimal amount, LedgerAccount from, string reversalKey,
        CancellationToken cancellationToken)
    {
        if (await PostingAsync(key, cancellationToken) is not null)
        {
            return false;
        }

        await ReturnToBuyerAsync(invoice, key, LedgerSource.Refund, description, amount, from, reversalKey, cancellationToken);
        return true;
    }

    /// <summary>
    /// A decided refund (a return, a buyer's dispute) on an invoice not paid by card. While the invoice is open it is a credit on
    /// it: less left to pay, taken off the receivable. Once paid, the money is owed back to the payer: it goes to buyer credits
    /// and becomes a <see cref="BuyerRefund"/> in finance's refunds-owed queue, which finance sends by ACH or check.
    /// </summary>
    /// <returns>The refund owed back, or null when the invoice was credited instead (or the posting was already made).</returns>
    public async Task<BuyerRefund?> CreditDecidedRefundAsync(Invoice invoice, string key, string description, decimal amount, string reversalKey,
        CancellationToken cancellationToken)
    {
        switch (invoice.Status)
        {
            case InvoiceStatus.Open:
                await ReturnDecidedRefundAsync(invoice, key, description, amount, LedgerAccount.BuyerReceivable, reversalKey, cancellationToken);
                return null;
            case InvoiceStatus.Void:
                throw new DomainException($"Invoice {invoice.Number} is void: nothing was paid to refund.");
        }

        if (!await ReturnDecidedRefundAsync(invoice, key, description, amount, LedgerAccount.BuyerCredits, reversalKey, cancellationToken))
        {
            return null;
        }

        var refund = BuyerRefund.Owe(ReferenceNumber.New("RFD"), invoice, amount, description, key, clock.Now);
        db.BuyerRefunds.Add(refund);
        return refund;
    }

    private async Task ReturnToBuyerAsync(Invoice invoice, string key, LedgerSource source, string description, decimal amount, LedgerAccount from,
        string reversalKey, CancellationToken cancellationToken)
    {
        var seller = await SellerOfAsync(invoice, cancellationToken);
        var split = RefundSplit.Of(amount, new RefundBasis(invoice.Amount, invoice.RefundedAmount, seller.SalesTax,
            await ReturnedAsync(invoice, LedgerAccount.SalesTaxPayable, cancellationToken), seller.Proceeds,
            await ReturnedAsync(invoice, seller.Payable, cancellationToken)));
        var share = split.Seller;
        if (share > 0 && seller.Payout is { Method: PayoutMethod.StripeTransfer, Unreversed: > 0, Reference: { } transferId } payout)
        {
            var reversing = Math.Min(share, payout.Unreversed);
            var reversalId = await payments.ReverseTransferAsync(transferId, new Money(reversing, payout.Currency), reversalKey, cancellationToken);
            payout.RecordReversal(reversing);
            await PostOnceAsync(LedgerPostings.TransferReversed(payout, reversalId, reversing, seller.Payable, clock.Now), cancellationToken);
            outbox.Email(payout.PayeeId, $"{reversing:C} taken back from your Stripe account",
                $"The buyer of invoice {invoice.Number} got {amount:C} back; your share of it, {reversing:C}, was reversed from transfer {transferId} ({reversalId}).");
        }

        await PostOnceAsync(LedgerPostings.Refund(key, source, description, invoice, from, seller.Payable, seller.Id, split, clock.Now, seller.DistrictId),
            cancellationToken);
        invoice.RecordRefund(amount);
    }

    // ---- Disputes -----------------------------------------------------------------------------------------------

    private async Task<string> DisputeAsync(Event stripeEvent, string json, Dispute dispute, CancellationToken cancellationToken)
    {
        var invoice = await PaidInvoiceAsync(dispute.ChargeId, dispute.PaymentIntentId, cancellationToken);
        if (invoice is null)
        {
            return await ParkAsync(stripeEvent, json, dispute.ChargeId, dispute.PaymentIntentId, cancellationToken);
        }

        var amount = Major(dispute.Amount);
        var now = clock.Now;
        var districtId = await DistrictOfAsync(invoice, cancellationToken);
        // A closing that arrives before its opening still holds the funds first, so won and lost always have something to release.
        var opened = await PostOnceAsync(LedgerPostings.DisputeOpened(invoice, dispute.Id, amount, now, districtId), cancellationToken);
        invoice.RecordDispute(dispute.Id, dispute.Status);
        if (opened && invoice.LotId is { } lotId && await db.LotSettlements.SingleOrDefaultAsync(s => s.LotId == lotId, cancellationToken) is { Status: SettlementStatus.Held } held)
        {
            held.Hold($"The buyer disputed the card payment ({dispute.Reason}); funds are held until Stripe closes dispute {dispute.Id}.", now);
        }

        if (stripeEvent.Type == EventTypes.ChargeDisputeCreated)
        {
            outbox.Email((await SellerOfAsync(invoice, cancellationToken)).Id, $"The buyer disputed the payment for {invoice.Number}",
                $"The card payment for invoice {invoice.Number} is disputed ({dispute.Reason}, {amount:C}). Stripe holds the money until the dispute closes; your payout waits for it.");
            return $"dispute {dispute.Id} opened: {amount:0.00} held";
        }

        switch (dispute.Status)
        {
            case "won":
                await PostOnceAsync(LedgerPostings.DisputeWon(invoice, dispute.Id, amount, now, districtId), cancellationToken);
                await ReleaseIfHeldAsync(invoice, cancellationToken);
                return $"dispute {dispute.Id} won: {amount:0.00} released";
            case "lost":
                if (await PostingAsync($"dispute-lost:{dispute.Id}", cancellationToken) is null)
                {
                    await ReturnToBuyerAsync(invoice, $"dispute-lost:{dispute.Id}", LedgerSource.DisputeLost, $"Dispute {dispute.Id} lost on invoice {invoice.Number}",
                        amount, LedgerAccount.DisputedFunds, $"reversal-{dispute.Id}", cancellationToken);
                    var fee = dispute.BalanceTransactions?.Sum(b => b.Fee) is > 0 and var minor ? Major(minor) : options.Value.DisputeFee;
                    await PostOnceAsync(LedgerPostings.DisputeFee(invoice, dispute.Id, fee, now, districtId), cancellationToken);
                }

                await ReleaseIfHeldAsync(invoice, cancellationToken);
                return $"dispute {dispute.Id} lost: {amount:0.00} returned to the buyer";
            default:
                return $"dispute {dispute.Id} closed as {dispute.Status}";
        }
    }

    private async Task ReleaseIfHeldAsync(Invoice invoice, CancellationToken cancellationToken)
    {
        if (invoice.LotId is { } lotId)
        {
            await db.QueueReleaseIfOnHoldAsync(outbox, lotId, cancellationToken);
        }
    }

    // ---- Connect: transfers, payouts, accounts ------------------------------------------------------------------

    private async Task<string> TransferCreatedAsync(Transfer transfer, CancellationToken cancellationToken)
    {
        var payout = await db.Payouts.SingleOrDefaultAsync(p => p.Reference == transfer.Id, cancellationToken);
        if (payout is null)
        {
            logger.LogWarning("Stripe transfer {Transfer} to {Destination} was not made by the marketplace's payouts", transfer.Id, transfer.DestinationId);
            return "transfer not made by a payout";
        }

        payout.ConfirmTransfer(clock.Now);
        return $"transfer {transfer.Id} confirmed";
    }

    private async Task<string> TransferReversedAsync(Transfer transfer, CancellationToken cancellationToken)
    {
        var payout = await db.Payouts.SingleOrDefaultAsync(p => p.Reference == transfer.Id, cancellationToken);
        if (payout is null)
        {
            return "transfer not made by a payout";
        }

        // Our own reversals (after refunds) are posted when made; one made from Stripe's dashboard is posted here.
        var posted = 0m;
        var payable = payout.PayableAccount;
        foreach (var reversal in transfer.Reversals?.Data ?? [])
        {
            if (await PostingAsync($"transfer-reversal:{reversal.Id}", cancellationToken) is null && Major(reversal.Amount) is var amount && amount <= payout.Unreversed)
            {
                payout.RecordReversal(amount);
                await PostOnceAsync(LedgerPostings.TransferReversed(payout, reversal.Id, amount, payable, clock.Now), cancellationToken);
                posted += amount;
            }
        }

        return posted > 0 ? $"reversal of {posted:0.00} recorded" : "reversals already recorded";
    }

    private async Task<string> StripePayoutAsync(Event stripeEvent, Stripe.Payout payout, CancellationToken cancellationToken)
    {
        if (stripeEvent.Account is { Length: > 0 } connected)
        {
            // A connected account's own payout to its bank: its money, not the platform's; the organization sees the outcome.
            var organization = await db.Organizations.SingleOrDefaultAsync(o => o.StripeAccountId == connected, cancellationToken);
            if (organization is null)
            {
                return "unknown connected account";
            }

            var failed = stripeEvent.Type == EventTypes.PayoutFailed;
            organization.RecordStripePayout(failed ? payout.FailureMessage ?? payout.FailureCode ?? "The bank refused the payout." : null);
            if (failed)
            {
                outbox.Email(organization.Id, "Stripe could not pay your balance to your bank",
                    $"Stripe's payout {payout.Id} of {Major(payout.Amount):C} failed: {organization.StripePayoutFailure} Update the bank account in your Stripe dashboard.");
            }

            return $"connected payout {payout.Id} {(failed ? "failed" : "paid")}";
        }

        var amount = Major(payout.Amount);
        if (stripeEvent.Type == EventTypes.PayoutPaid)
        {
            return await PostOnceAsync(LedgerPostings.StripePayoutPaid(payout.Id, amount, clock.Now), cancellationToken)
                ? $"payout {payout.Id} of {amount:0.00} in the bank"
                : "payout already recorded";
        }

        if (await PostingAsync($"stripe-payout:{payout.Id}", cancellationToken) is { } paid)
        {
            await PostOnceAsync(LedgerPostings.Reversal(paid, $"stripe-payout-failed:{payout.Id}", LedgerSource.StripePayoutFailed,
                $"Stripe payout {payout.Id} failed after arriving ({payout.FailureCode})", clock.Now), cancellationToken);
            return $"payout {payout.Id} failed: back in the Stripe balance";
        }

        logger.LogWarning("Stripe payout {Payout} of {Amount} failed before it arrived: {Reason}", payout.Id, amount, payout.FailureMessage);
        return $"payout {payout.Id} failed before arriving";
    }

    private async Task<string> AccountUpdatedAsync(Stripe.Account account, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.StripeAccountId == account.Id, cancellationToken);
        if (organization is null)
        {
            return "unknown connected account";
        }

        var couldReceive = organization.StripeTransferBlockedBecause() is null;
        organization.ApplyStripeAccountStatus(account.ChargesEnabled, account.PayoutsEnabled, account.Requirements?.CurrentlyDue ?? [], clock.Now);
        var canReceive = organization.StripeTransferBlockedBecause() is null;
        if (canReceive && !couldReceive)
        {
            // Payouts waiting for the account go now.
            var waiting = await db.LotSettlements
                .Where(s => s.DistrictId == organization.Id && s.Status == SettlementStatus.Held && s.HoldReason != null)
                .Select(s => s.LotId).ToListAsync(cancellationToken);
            waiting.ForEach(lotId => outbox.Enqueue(new ReleaseDistrictFunds.Command(lotId)));
        }
        else if (!canReceive && couldReceive)
        {
            outbox.Email(organization.Id, "Stripe paused payouts to your organization",
                $"Stripe reports that payouts to your connected account are not enabled. {(organization.StripeRequirementsDue is { } due ? $"Stripe still needs: {due}." : "")} Payouts from the marketplace wait until this is resolved.",
                Roles.DistrictApprover);
        }

        return $"account {account.Id}: charges {(account.ChargesEnabled ? "on" : "off")}, payouts {(account.PayoutsEnabled ? "on" : "off")}";
    }

    // ---- Out of order: parking --------------------------------------------------------------------------------

    private async Task<string> ParkAsync(Event stripeEvent, string json, string? chargeId, string? paymentIntentId, CancellationToken cancellationToken)
    {
        if (!await db.ParkedStripeEvents.AnyAsync(p => p.EventId == stripeEvent.Id, cancellationToken))
        {
            db.ParkedStripeEvents.Add(new ParkedStripeEvent
            {
                EventId = stripeEvent.Id, Type = stripeEvent.Type, ChargeId = chargeId, PaymentIntentId = paymentIntentId, Json = json, ParkedAt = clock.Now,
            });
        }

        return $"parked until payment {chargeId ?? paymentIntentId} is known";
    }

    /// <summary>Applies the events that arrived before this invoice's payment, in the order they arrived.</summary>
    private async Task<string> ApplyParkedAsync(Invoice invoice, CancellationToken cancellationToken)
    {
        if (invoice.Status != InvoiceStatus.Paid || (invoice.StripeChargeId is null && invoice.StripePaymentIntentId is null))
        {
            return "";
        }

        var parked = await db.ParkedStripeEvents
            .Where(p => p.AppliedAt == null && ((invoice.StripeChargeId != null && p.ChargeId == invoice.StripeChargeId)
                || (invoice.StripePaymentIntentId != null && p.PaymentIntentId == invoice.StripePaymentIntentId)))
            .OrderBy(p => p.ParkedAt).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        foreach (var waiting in parked)
        {
            waiting.Applied(clock.Now);
            await ApplyAsync(EventUtility.ParseEvent(waiting.Json, throwOnApiVersionMismatch: false), waiting.Json, cancellationToken);
        }

        return parked.Count == 0 ? "" : $"; {parked.Count} parked event(s) applied";
    }

    // ---- Lookups ----------------------------------------------------------------------------------------------

    private static Guid? InvoiceIdOf(IDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue("invoice_id", out var id) && Guid.TryParse(id, out var invoiceId) ? invoiceId : null;

    /// <summary>The invoice by session, payment intent or our own id; changes not saved yet count (a parked event applied in the same unit of work).</summary>
    private async Task<Invoice?> InvoiceAsync(string? sessionId, string? paymentIntentId, Guid? invoiceId, CancellationToken cancellationToken) =>
        db.Invoices.Local.FirstOrDefault(i => (invoiceId is not null && i.Id == invoiceId) || (paymentIntentId is not null && i.StripePaymentIntentId == paymentIntentId)
            || (sessionId is not null && i.CheckoutSessionId == sessionId))
        ?? await db.Invoices.FirstOrDefaultAsync(i => (invoiceId != null && i.Id == invoiceId) || (paymentIntentId != null && i.StripePaymentIntentId == paymentIntentId)
            || (sessionId != null && i.CheckoutSessionId == sessionId), cancellationToken);

    /// <summary>The paid invoice a charge belongs to, or null when its payment is not known yet (the event is then parked).</summary>
    private async Task<Invoice?> PaidInvoiceAsync(string? chargeId, string? paymentIntentId, CancellationToken cancellationToken)
    {
        var invoice = db.Invoices.Local.FirstOrDefault(i => (chargeId is not null && i.StripeChargeId == chargeId) || (paymentIntentId is not null && i.StripePaymentIntentId == paymentIntentId))
            ?? await db.Invoices.FirstOrDefaultAsync(i => (chargeId != null && i.StripeChargeId == chargeId) || (paymentIntentId != null && i.StripePaymentIntentId == paymentIntentId), cancellationToken);
        return invoice is { Status: InvoiceStatus.Paid } ? invoice : null;
    }

    private async Task<Guid?> DistrictOfAsync(Invoice invoice, CancellationToken cancellationToken) =>
        invoice.LotId is { } lotId ? await db.Lots.Where(l => l.Id == lotId).Select(l => (Guid?)l.DistrictId).SingleAsync(cancellationToken) : null;

    /// <param name="SalesTax">The tax the sale collected (Sales tax payable credited); none on a lot sale.</param>
    private sealed record Seller(Guid Id, LedgerAccount Payable, decimal Proceeds, Payout? Payout, Guid? DistrictId, decimal SalesTax = 0);

    /// <summary>Who sold what the invoice is for, what the sale made it owed (from the sale's postings), the tax it collected, and its payout if any.</summary>
    private async Task<Seller> SellerOfAsync(Invoice invoice, CancellationToken cancellationToken)
    {
        if (invoice.LotId is { } lotId)
        {
            var districtId = await db.Lots.Where(l => l.Id == lotId).Select(l => l.DistrictId).SingleAsync(cancellationToken);
            var proceeds = await PayableCreditedAsync(LedgerAccount.DistrictPayable, t => t.LotId == lotId && (t.Source == LedgerSource.LotSale || t.Source == LedgerSource.LotSaleForfeited), cancellationToken);
            var payout = db.Payouts.Local.FirstOrDefault(p => p.LotId == lotId) ?? await db.Payouts.SingleOrDefaultAsync(p => p.LotId == lotId, cancellationToken);
            return new Seller(districtId, LedgerAccount.DistrictPayable, proceeds, payout, districtId);
        }

        var orderId = invoice.OrderId ?? throw new DomainException($"Invoice {invoice.Number} is for neither a lot nor an order.");
        var sellerId = await db.Orders.Where(o => o.Id == orderId).Select(o => o.SellerId).SingleAsync(cancellationToken);
        var orderProceeds = await PayableCreditedAsync(LedgerAccount.RefurbisherPayable, t => t.OrderId == orderId && t.Source == LedgerSource.StorefrontSale, cancellationToken);
        var orderPayout = db.Payouts.Local.FirstOrDefault(p => p.OrderId == orderId) ?? await db.Payouts.SingleOrDefaultAsync(p => p.OrderId == orderId, cancellationToken);
        var salesTax = await PayableCreditedAsync(LedgerAccount.SalesTaxPayable, t => t.OrderId == orderId && t.Source == LedgerSource.StorefrontSale, cancellationToken);
        return new Seller(sellerId, LedgerAccount.RefurbisherPayable, orderProceeds, orderPayout, null, salesTax);
    }

    /// <summary>
    /// What refunds and lost disputes already took from <paramref name="payable"/> (the seller's payable, or the tax collected)
    /// for this invoice's sale, those not saved yet included.
    /// </summary>
    private async Task<decimal> ReturnedAsync(Invoice invoice, LedgerAccount payable, CancellationToken cancellationToken)
    {
        var sources = new[] { LedgerSource.Refund, LedgerSource.DisputeLost, LedgerSource.RefundFailed };
        var saved = -await PayableCreditedAsync(payable,
            t => (invoice.LotId != null ? t.LotId == invoice.LotId : t.OrderId == invoice.OrderId) && sources.Contains(t.Source), cancellationToken);
        var local = db.LedgerTransactions.Local.Where(t => t.LotId == invoice.LotId && t.OrderId == invoice.OrderId && sources.Contains(t.Source)
                && db.Entry(t).State == EntityState.Added)
            .SelectMany(t => t.Entries).Where(e => e.Account == payable).Sum(e => e.Debit - e.Credit);
        return saved + local;
    }

    /// <summary>Credits less debits on <paramref name="payable"/> in the saved transactions matching <paramref name="filter"/>.</summary>
    private async Task<decimal> PayableCreditedAsync(LedgerAccount payable, Expression<Func<LedgerTransaction, bool>> filter, CancellationToken cancellationToken)
    {
        var transactions = db.LedgerTransactions.Where(filter).Select(t => t.Id);
        var lines = await db.LedgerEntries.Where(e => e.Account == payable && transactions.Contains(e.TransactionId))
            .Select(e => new { e.Debit, e.Credit }).ToListAsync(cancellationToken);
        return lines.Sum(l => l.Credit - l.Debit);
    }

    private async Task<LedgerTransaction?> PostingAsync(string key, CancellationToken cancellationToken) =>
        db.LedgerTransactions.Local.FirstOrDefault(t => t.IdempotencyKey == key)
        ?? await db.LedgerTransactions.Include(t => t.Entries).SingleOrDefaultAsync(t => t.IdempotencyKey == key, cancellationToken);

    /// <summary>Adds the posting unless one with its key exists: each effect is posted once, whichever event brings it.</summary>
    private async Task<bool> PostOnceAsync(LedgerTransaction transaction, CancellationToken cancellationToken)
    {
        if (await PostingAsync(transaction.IdempotencyKey, cancellationToken) is not null)
        {
            return false;
        }

        db.LedgerTransactions.Add(transaction);
        return true;
    }

    private static decimal Major(long minorUnits) => Money.MajorUnits(minorUnits);
}
