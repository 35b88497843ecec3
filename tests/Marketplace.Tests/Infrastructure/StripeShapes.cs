using System.Text.Json.Nodes;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// Stripe objects for webhook events, each a copy of Stripe's published fixture (<see cref="LocalStripeServer.Fixture"/>)
/// with only the ids, amounts, links and statuses a test is about changed.
/// </summary>
public static class StripeShapes
{
    public static JsonObject Session(string sessionId, string? paymentIntentId, string paymentStatus, string status, Guid invoiceId, long amount)
    {
        var session = LocalStripeServer.Fixture("checkout.session");
        session["id"] = sessionId;
        session["payment_intent"] = paymentIntentId;
        session["payment_status"] = paymentStatus;
        session["status"] = status;
        session["amount_total"] = amount;
        session["amount_subtotal"] = amount;
        session["currency"] = "usd";
        session["client_reference_id"] = invoiceId.ToString();
        session["metadata"] = new JsonObject { ["invoice_id"] = invoiceId.ToString() };
        return session;
    }

    public static JsonObject PaymentIntent(string paymentIntentId, string? chargeId, long amount, Guid invoiceId, string status = "succeeded", string? error = null)
    {
        var intent = LocalStripeServer.Fixture("payment_intent");
        intent["id"] = paymentIntentId;
        intent["client_secret"] = $"{paymentIntentId}_secret_test";
        intent["latest_charge"] = chargeId;
        intent["amount"] = amount;
        intent["amount_received"] = status == "succeeded" ? amount : 0;
        intent["status"] = status;
        intent["metadata"] = new JsonObject { ["invoice_id"] = invoiceId.ToString() };
        if (error is not null)
        {
            intent["last_payment_error"] = new JsonObject { ["type"] = "card_error", ["code"] = "card_declined", ["decline_code"] = "insufficient_funds", ["message"] = error };
        }

        return intent;
    }

    public static JsonObject Refund(string refundId, string chargeId, string? paymentIntentId, long amount, string status = "succeeded")
    {
        var refund = LocalStripeServer.Fixture("refund");
        refund["id"] = refundId;
        refund["charge"] = chargeId;
        refund["payment_intent"] = paymentIntentId;
        refund["amount"] = amount;
        refund["status"] = status;
        return refund;
    }

    public static JsonObject Charge(string chargeId, string? paymentIntentId, long amount, params JsonObject[] refunds)
    {
        var charge = LocalStripeServer.Fixture("charge");
        charge["id"] = chargeId;
        charge["payment_intent"] = paymentIntentId;
        charge["amount"] = amount;
        charge["amount_captured"] = amount;
        charge["captured"] = true;
        var refunded = refunds.Where(r => (string?)r["status"] == "succeeded").Sum(r => (long)r["amount"]!);
        charge["amount_refunded"] = refunded;
        charge["refunded"] = refunded == amount;
        charge["refunds"] = new JsonObject
        {
            ["data"] = new JsonArray([.. refunds.Select(r => (JsonNode)r.DeepClone())]), ["has_more"] = false, ["object"] = "list",
            ["url"] = $"/v1/charges/{chargeId}/refunds",
        };
        return charge;
    }

    public static JsonObject Dispute(string disputeId, string chargeId, string? paymentIntentId, long amount, string status)
    {
        var dispute = LocalStripeServer.Fixture("dispute");
        dispute["id"] = disputeId;
        dispute["charge"] = chargeId;
        dispute["payment_intent"] = paymentIntentId;
        dispute["amount"] = amount;
        dispute["status"] = status;
        return dispute;
    }

    public static JsonObject Transfer(string transferId, string destination, long amount, params (string Id, long Amount)[] reversals)
    {
        var transfer = LocalStripeServer.Fixture("transfer");
        transfer["id"] = transferId;
        transfer["destination"] = destination;
        transfer["amount"] = amount;
        var reversed = reversals.Sum(r => r.Amount);
        transfer["amount_reversed"] = reversed;
        transfer["reversed"] = reversed == amount;
        transfer["reversals"] = new JsonObject
        {
            ["data"] = new JsonArray([.. reversals.Select(r =>
            {
                var reversal = LocalStripeServer.Fixture("transfer_reversal");
                reversal["id"] = r.Id;
                reversal["amount"] = r.Amount;
                reversal["transfer"] = transferId;
                return (JsonNode)reversal;
            })]),
            ["has_more"] = false, ["object"] = "list", ["url"] = $"/v1/transfers/{transferId}/reversals",
        };
        return transfer;
    }

    public static JsonObject Payout(string payoutId, long amount, string status, string? failureCode = null, string? failureMessage = null)
    {
        var payout = LocalStripeServer.Fixture("payout");
        payout["id"] = payoutId;
        payout["amount"] = amount;
        payout["status"] = status;
        payout["failure_code"] = failureCode;
        payout["failure_message"] = failureMessage;
        return payout;
    }

    public static JsonObject Account(string accountId, bool payoutsEnabled, params string[] currentlyDue)
    {
        var account = LocalStripeServer.Fixture("account");
        account["id"] = accountId;
        account["charges_enabled"] = payoutsEnabled;
        account["payouts_enabled"] = payoutsEnabled;
        account["requirements"]!["currently_due"] = new JsonArray([.. currentlyDue.Select(d => (JsonNode)d)]);
        account["requirements"]!["disabled_reason"] = currentlyDue.Length == 0 ? null : "requirements.past_due";
        return account;
    }
}
