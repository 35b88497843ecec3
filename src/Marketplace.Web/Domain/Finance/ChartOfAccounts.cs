namespace Marketplace.Web.Domain.Finance;

/// <summary>The accounts money moves between. Receivables and payables name their counterparty on each line.</summary>
public enum LedgerAccount
{
    BuyerReceivable,
    Cash,
    StripeClearing,
    PayoutsInTransit,
    DistrictPayable,
    RefurbisherPayable,
    PlatformFeeRevenue,
    Refunds,
    BuyerCredits,

    /// <summary>Stripe's processing and dispute fees.</summary>
    StripeFees,

    /// <summary>Card money Stripe withdrew for an open dispute.</summary>
    DisputedFunds,

    /// <summary>Sales tax collected on storefront orders, owed to the states (the platform is the marketplace facilitator).</summary>
    SalesTaxPayable,
}

public enum AccountKind { Asset, Liability, Revenue, ContraRevenue, Expense }

public enum NormalBalance { Debit, Credit }

/// <summary>One account of the chart: what it is and on which side it grows.</summary>
public sealed record AccountDefinition(LedgerAccount Account, string Name, AccountKind Kind, string Meaning)
{
    public NormalBalance NormalBalance => Kind is AccountKind.Asset or AccountKind.ContraRevenue or AccountKind.Expense ? NormalBalance.Debit : NormalBalance.Credit;

    /// <summary>The balance on the account's normal side: positive when it holds what it should.</summary>
    public decimal Balance(decimal debits, decimal credits) => NormalBalance == NormalBalance.Debit ? debits - credits : credits - debits;
}

/// <summary>The chart of accounts, with each account's normal balance. Reports and payouts read balances through it.</summary>
public static class ChartOfAccounts
{
    public static readonly IReadOnlyList<AccountDefinition> All =
    [
        new(LedgerAccount.BuyerReceivable, "Buyer receivable", AccountKind.Asset, "Invoiced to buyers, not yet paid"),
        new(LedgerAccount.Cash, "Cash", AccountKind.Asset, "Money in the platform's bank account"),
        new(LedgerAccount.StripeClearing, "Stripe clearing", AccountKind.Asset, "Money held in the platform's Stripe balance"),
        new(LedgerAccount.PayoutsInTransit, "Payouts in transit", AccountKind.Liability, "Payouts approved by finance that the bank has not confirmed"),
        new(LedgerAccount.DistrictPayable, "District payable", AccountKind.Liability, "Owed to districts for sold lots (held in escrow until certified)"),
        new(LedgerAccount.RefurbisherPayable, "Refurbisher payable", AccountKind.Liability, "Owed to refurbishers for storefront sales"),
        new(LedgerAccount.PlatformFeeRevenue, "Platform fee revenue", AccountKind.Revenue, "Buyer's premiums and commissions earned"),
        new(LedgerAccount.Refunds, "Refunds", AccountKind.ContraRevenue, "Money returned to buyers"),
        new(LedgerAccount.BuyerCredits, "Buyer credits", AccountKind.Liability, "Owed back to buyers for devices missing or worse than declared at receiving"),
        new(LedgerAccount.StripeFees, "Stripe fees", AccountKind.Expense, "Stripe's processing fee on each card charge (from its balance transaction) and the fee on each lost dispute"),
        new(LedgerAccount.DisputedFunds, "Disputed funds held", AccountKind.Asset, "Card money Stripe withdrew while a buyer's dispute is open: back to Stripe clearing if won, lost (refund) if not"),
        new(LedgerAccount.SalesTaxPayable, "Sales tax payable", AccountKind.Liability,
            "Sales tax collected on storefront orders: the platform owes it to the ship-to states as marketplace facilitator, so it is never the seller's"),
    ];

    public static AccountDefinition Of(LedgerAccount account) => All.Single(a => a.Account == account);
}
