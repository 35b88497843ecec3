using Marketplace.Web.Domain.Finance;

namespace Marketplace.Tests.Domain.Finance;

public sealed class StripeReconciliationTests
{
    private static readonly Guid Lot = Guid.NewGuid();

    [Fact]
    public void A_charge_matches_its_payment_and_fee_postings_together_and_a_dispute_its_withdrawal_and_reinstatement()
    {
        var stripe = new[]
        {
            new StripeSideMovement("txn_1", "charge", "ch_1", 283m, 8.51m),
            new StripeSideMovement("txn_2", "refund", "re_1", -100m, 0m),
            new StripeSideMovement("txn_3", "adjustment", "dp_1", -50m, 15m),
            new StripeSideMovement("txn_4", "adjustment", "dp_1", 50m, 0m),
        };
        var ledger = new[]
        {
            Posting("ch_1", LedgerSource.LotPayment, clearing: 283m, fees: 0m),
            Posting("ch_1", LedgerSource.StripeFee, clearing: -8.51m, fees: 8.51m),
            Posting("re_1", LedgerSource.Refund, clearing: -100m, fees: 0m),
            Posting("dp_1", LedgerSource.DisputeOpened, clearing: -50m, fees: 0m),
            Posting("dp_1", LedgerSource.DisputeWon, clearing: 50m, fees: 0m),
            Posting("dp_1", LedgerSource.DisputeLost, clearing: -15m, fees: 15m),
        };

        var reconciliation = StripeReconciliation.Of(stripe, ledger);

        Assert.True(reconciliation.IsClean, string.Join("; ", reconciliation.Differences));
        Assert.Equal((3, 3, 3), (reconciliation.Matched, reconciliation.StripeCount, reconciliation.LedgerCount));
        Assert.Equal(reconciliation.StripeNet, reconciliation.LedgerNet);
    }

    [Fact]
    public void Each_kind_of_difference_is_listed_with_both_sides_figures()
    {
        var stripe = new[]
        {
            new StripeSideMovement("txn_1", "charge", "ch_fee", 283m, 8.51m),
            new StripeSideMovement("txn_2", "charge", "ch_gross", 500m, 14.80m),
            new StripeSideMovement("txn_3", "refund", "re_missing", -40m, 0m),
        };
        var ledger = new[]
        {
            Posting("ch_fee", LedgerSource.LotPayment, 283m, 0m),
            Posting("ch_fee", LedgerSource.StripeFee, -8.00m, 8.00m),
            Posting("ch_gross", LedgerSource.LotPayment, 450m, 0m),
            Posting("ch_gross", LedgerSource.StripeFee, -14.80m, 14.80m),
            Posting("po_ghost", LedgerSource.StripePayoutPaid, -1000m, 0m),
        };

        var differences = StripeReconciliation.Of(stripe, ledger).Differences;

        Assert.Equal(
        [
            (ReconciliationDifferenceKind.InStripeNotInLedger, "re_missing", -40m),
            (ReconciliationDifferenceKind.InLedgerNotInStripe, "po_ghost", 1000m),
            (ReconciliationDifferenceKind.GrossMismatch, "ch_gross", 50m),
            (ReconciliationDifferenceKind.FeeMismatch, "ch_fee", 0.51m),
        ], differences.Select(d => (d.Kind, d.StripeId, d.Difference)).OrderBy(d => d.Kind).ThenBy(d => d.StripeId));
        var fee = differences.Single(d => d.StripeId == "ch_fee");
        Assert.Equal((283m, 8.51m, 283m, 8.00m, (Guid?)Lot), (fee.StripeGross, fee.StripeFee, fee.LedgerGross, fee.LedgerFee, fee.LotId));
    }

    [Theory]
    [InlineData("stripe-fee:ch_1", "ch_1")]
    [InlineData("refund:re_1", "re_1")]
    [InlineData("refund-failed:re_1", "re_1")]
    [InlineData("transfer-reversal:trr_1", "trr_1")]
    [InlineData("dispute-opened:dp_1", "dp_1")]
    [InlineData("dispute-won:dp_1", "dp_1")]
    [InlineData("dispute-fee:dp_1", "dp_1")]
    [InlineData("stripe-payout:po_1", "po_1")]
    [InlineData("stripe-payout-failed:po_1", "po_1")]
    [InlineData("refund:ch_1:28300", null)]
    [InlineData("lot-sale:3f1c", null)]
    [InlineData("dispute-credit:3f1c", null)]
    public void A_postings_stripe_id_is_read_from_the_key_ledger_postings_give_it(string key, string? stripeId) =>
        Assert.Equal(stripeId, StripeReconciliation.StripeIdOf(key, _ => "ch_from_invoice", _ => "tr_from_payout"));

    [Fact]
    public void Payments_and_transfers_are_keyed_by_our_ids_and_look_up_the_charge_and_the_transfer()
    {
        var (invoice, payout) = (Guid.NewGuid(), Guid.NewGuid());
        var (invoices, payouts) = StripeReconciliation.IdsToLookUp([$"payment:{invoice}", $"payout-sent:{payout}", "refund:re_1"]);

        Assert.Equal([invoice], invoices);
        Assert.Equal([payout], payouts);
        Assert.Equal("ch_9", StripeReconciliation.StripeIdOf($"payment:{invoice}", id => id == invoice ? "ch_9" : null, _ => null));
        Assert.Equal("tr_9", StripeReconciliation.StripeIdOf($"payout-sent:{payout}", _ => null, id => id == payout ? "tr_9" : null));
    }

    private static LedgerStripeMovement Posting(string stripeId, LedgerSource source, decimal clearing, decimal fees) =>
        new(stripeId, Guid.NewGuid(), source, $"{source} {stripeId}", clearing, fees, Lot, null);
}
