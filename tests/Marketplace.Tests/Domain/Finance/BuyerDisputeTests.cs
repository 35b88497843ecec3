using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;

namespace Marketplace.Tests.Domain.Finance;

public sealed class BuyerDisputeTests
{
    // Friday 4 December 2026, 15:30 UTC: the window runs over the weekend to Friday 11 December, same time.
    private static readonly DateTimeOffset ReceivedFriday = new(2026, 12, 4, 15, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_window_closes_five_business_days_after_receipt_skipping_the_weekend()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 11, 15, 30, 0, TimeSpan.Zero), BuyerDispute.Deadline(ReceivedFriday));
        // Received on a Wednesday before Thanksgiving: Thursday is a federal holiday and the weekend follows.
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero), BuyerDispute.Deadline(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_dispute_may_be_opened_at_the_last_moment_of_the_window_and_not_a_second_later()
    {
        var deadline = BuyerDispute.Deadline(ReceivedFriday);

        var opened = Open(Paid(), deadline);

        Assert.Equal((DisputeState.Open, 250m, ReceivedFriday), (opened.State, opened.AmountClaimed, opened.ReceivedAt));
        var late = Assert.Throws<DomainException>(() => Open(Paid(), deadline.AddSeconds(1)));
        Assert.Contains("5 business days to dispute ended on December 11, 2026", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_can_be_disputed_before_receipt_or_on_an_unpaid_invoice_or_while_another_dispute_is_open_or_beyond_what_was_paid()
    {
        Assert.Contains("once the goods are received", Assert.Throws<DomainException>(() =>
            BuyerDispute.Open("DSP-1", Paid(), Guid.NewGuid(), null, false, BuyerDisputeReason.Damaged, "x", 10m, "Buyer", ReceivedFriday)).Message, StringComparison.Ordinal);
        Assert.Contains("is not paid", Assert.Throws<DomainException>(() => Open(Unpaid(), ReceivedFriday.AddDays(1))).Message, StringComparison.Ordinal);
        Assert.Contains("already open", Assert.Throws<DomainException>(() =>
            BuyerDispute.Open("DSP-1", Paid(), Guid.NewGuid(), ReceivedFriday, true, BuyerDisputeReason.Damaged, "x", 10m, "Buyer", ReceivedFriday)).Message, StringComparison.Ordinal);
        var invoice = Paid();
        invoice.RecordRefund(900m);
        Assert.Contains("200.00 (what was paid", Assert.Throws<DomainException>(() => Open(invoice, ReceivedFriday.AddDays(1))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DisputeOutcome.NoRefund, null, 0)]
    [InlineData(DisputeOutcome.FullRefund, null, 1100)]
    [InlineData(DisputeOutcome.PartialRefund, 250.004, 250)]
    public void The_admins_decision_sets_the_refund_full_is_what_is_left_of_the_invoice(DisputeOutcome outcome, double? partial, double refund)
    {
        var dispute = Open(Paid(), ReceivedFriday.AddDays(1));

        var amount = dispute.Resolve(outcome, (decimal?)partial, 1100m, " Two screens cracked in transit. ", "Sam Adeyemi", ReceivedFriday.AddDays(3));

        Assert.Equal((decimal)refund, amount);
        Assert.Equal((DisputeState.Resolved, outcome, (decimal)refund, "Two screens cracked in transit."), (dispute.State, dispute.Outcome, dispute.RefundAmount, dispute.ResolutionNote));
        Assert.Contains("already resolved", Assert.Throws<DomainException>(() => dispute.Resolve(DisputeOutcome.FullRefund, null, 1100m, "again", "x", ReceivedFriday)).Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1100)]
    [InlineData(1100.01)]
    public void A_partial_refund_lies_strictly_between_nothing_and_everything_left(double partial)
    {
        var dispute = Open(Paid(), ReceivedFriday.AddDays(1));

        Assert.Contains("A partial refund is more than $0 and less than",
            Assert.Throws<DomainException>(() => dispute.Resolve(DisputeOutcome.PartialRefund, (decimal)partial, 1100m, "note", "x", ReceivedFriday)).Message, StringComparison.Ordinal);
        Assert.Equal(DisputeState.Open, dispute.State);
    }

    [Fact]
    public void A_card_refund_is_posted_under_stripes_refund_id_and_a_credit_under_the_dispute()
    {
        var dispute = Open(Paid(), ReceivedFriday.AddDays(1));
        Assert.Equal($"dispute-credit:{dispute.Id}", dispute.RefundPostingKey);
        Assert.Equal($"dispute-refund-{dispute.Id}", dispute.RefundIdempotencyKey);

        dispute.RecordStripeRefund("re_3Dispute");

        Assert.Equal("refund:re_3Dispute", dispute.RefundPostingKey);
    }

    private static BuyerDispute Open(Invoice invoice, DateTimeOffset at) =>
        BuyerDispute.Open("DSP-TEST01", invoice, Guid.NewGuid(), ReceivedFriday, false, BuyerDisputeReason.NotAsDescribed, "Six units were grade D, not B.", 250m, "Riley Chen", at);

    private static Invoice Paid()
    {
        var invoice = Unpaid();
        invoice.MarkPaid(PaymentMethod.Ach, "ACH-1", ReceivedFriday.AddDays(-10));
        return invoice;
    }

    private static Invoice Unpaid() => new()
    {
        Number = "INV-TEST01", PayerId = Guid.NewGuid(), LotId = Guid.NewGuid(), Description = "Lot", Amount = 1100m, IssuedAt = ReceivedFriday.AddDays(-20),
        DueOn = DateOnly.FromDateTime(ReceivedFriday.UtcDateTime),
    };
}
