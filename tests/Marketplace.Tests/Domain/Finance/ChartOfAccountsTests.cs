using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;

namespace Marketplace.Tests.Domain.Finance;

public sealed class ChartOfAccountsTests
{
    [Fact]
    public void Every_account_is_in_the_chart_once_with_its_normal_balance()
    {
        Assert.Equal(Enum.GetValues<LedgerAccount>().Order(), ChartOfAccounts.All.Select(a => a.Account).Order());
        Assert.Equal(
            [LedgerAccount.BuyerReceivable, LedgerAccount.Cash, LedgerAccount.StripeClearing, LedgerAccount.Refunds, LedgerAccount.StripeFees, LedgerAccount.DisputedFunds],
            ChartOfAccounts.All.Where(a => a.NormalBalance == NormalBalance.Debit).Select(a => a.Account));
    }

    [Fact]
    public void A_balance_is_read_on_the_accounts_normal_side()
    {
        Assert.Equal(70m, ChartOfAccounts.Of(LedgerAccount.Cash).Balance(debits: 100m, credits: 30m));
        Assert.Equal(-70m, ChartOfAccounts.Of(LedgerAccount.DistrictPayable).Balance(debits: 100m, credits: 30m));
        Assert.Equal(30m, ChartOfAccounts.Of(LedgerAccount.PayoutsInTransit).Balance(debits: 0m, credits: 30m));
    }

    [Fact]
    public void Money_keeps_its_currency_and_rounds_like_a_bank()
    {
        Assert.Equal(Money.Usd(12.35m), Money.Usd(12.345m).Round());
        Assert.Equal(1235, Money.Usd(12.345m).MinorUnits);
        Assert.Equal(Money.Usd(15m), Money.Usd(10m) + Money.Usd(5m));
        Assert.Equal("$1,200.00", Money.Usd(1200m).ToString());
        Assert.Throws<InvalidOperationException>(() => Money.Usd(1m) + new Money(1m, "CAD"));
    }
}
