using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;

namespace Marketplace.Tests.Domain.Finance;

public sealed class LedgerTransactionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Posting_refuses_a_transaction_whose_debits_and_credits_differ()
    {
        var refused = Assert.Throws<DomainException>(() => LedgerTransaction.Post("t:1", LedgerSource.LotSale, "Lot sale", Now,
        [
            LedgerLine.Dr(LedgerAccount.BuyerReceivable, 1100m),
            LedgerLine.Cr(LedgerAccount.DistrictPayable, 1000m),
        ]));

        Assert.Contains("Unbalanced", refused.Message);
    }

    [Fact]
    public void Posting_refuses_a_line_carrying_both_a_debit_and_a_credit()
    {
        var refused = Assert.Throws<DomainException>(() => LedgerTransaction.Post("t:2", LedgerSource.LotSale, "Lot sale", Now,
        [
            new LedgerLine(LedgerAccount.Cash, 100m, 100m),
            LedgerLine.Dr(LedgerAccount.BuyerReceivable, 50m),
            LedgerLine.Cr(LedgerAccount.DistrictPayable, 50m),
        ]));

        Assert.Contains("either a debit or a credit", refused.Message);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-5, 0)]
    [InlineData(0, -5)]
    public void Posting_refuses_a_line_that_is_empty_or_negative(decimal debit, decimal credit)
    {
        Assert.Throws<DomainException>(() => LedgerTransaction.Post("t:3", LedgerSource.LotSale, "Lot sale", Now,
        [
            new LedgerLine(LedgerAccount.Cash, debit, credit),
            LedgerLine.Dr(LedgerAccount.BuyerReceivable, 50m),
            LedgerLine.Cr(LedgerAccount.DistrictPayable, 50m),
        ]));
    }

    [Fact]
    public void A_balanced_transaction_keeps_every_line_with_its_counterparty()
    {
        var buyer = Guid.NewGuid();

        var transaction = LedgerTransaction.Post("payment:42", LedgerSource.LotPayment, "Invoice paid", Now,
        [
            LedgerLine.Dr(LedgerAccount.Cash, 1100m),
            LedgerLine.Cr(LedgerAccount.BuyerReceivable, 1100m, buyer),
        ]);

        Assert.Equal("payment:42", transaction.IdempotencyKey);
        Assert.Collection(transaction.Entries,
            e => Assert.Equal((LedgerAccount.Cash, 1100m, 0m, (Guid?)null), (e.Account, e.Debit, e.Credit, e.OrganizationId)),
            e => Assert.Equal((LedgerAccount.BuyerReceivable, 0m, 1100m, (Guid?)buyer), (e.Account, e.Debit, e.Credit, e.OrganizationId)));
        Assert.All(transaction.Entries, e => Assert.Equal(transaction.Id, e.TransactionId));
    }
}
