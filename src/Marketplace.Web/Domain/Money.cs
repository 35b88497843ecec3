using System.Globalization;

namespace Marketplace.Web.Domain;

/// <summary>
/// An amount with its currency, for money that crosses a boundary (a payment provider, a payout, a
/// ledger balance). Entities keep amount and currency as columns; this keeps the pair together in code.
/// </summary>
public readonly record struct Money(decimal Amount, string Currency)
{
    public static Money Usd(decimal amount) => new(amount, "USD");

    public static Money Zero(string currency) => new(0m, currency);

    public bool IsPositive => Amount > 0;

    /// <summary>Amount in the currency's minor unit (cents), as Stripe expects it.</summary>
    public long MinorUnits => (long)decimal.Round(Amount * 100m, MidpointRounding.AwayFromZero);

    /// <summary>From Stripe's minor units (cents) back to an amount; Stripe sends currencies in lower case.</summary>
    public static Money FromMinorUnits(long minorUnits, string currency) => new(MajorUnits(minorUnits), currency.ToUpperInvariant());

    /// <summary>An amount in minor units (cents) in the currency's major unit (dollars).</summary>
    public static decimal MajorUnits(long minorUnits) => minorUnits / 100m;

    public Money Round() => this with { Amount = decimal.Round(Amount, 2, MidpointRounding.AwayFromZero) };

    public static Money operator +(Money left, Money right) => new(left.Amount + Same(left, right).Amount, left.Currency);

    public static Money operator -(Money left, Money right) => new(left.Amount - Same(left, right).Amount, left.Currency);

    public override string ToString() => Currency == "USD"
        ? Amount.ToString("C", CultureInfo.GetCultureInfo("en-US"))
        : $"{Amount.ToString("N2", CultureInfo.InvariantCulture)} {Currency}";

    private static Money Same(Money left, Money right) =>
        left.Currency == right.Currency ? right : throw new InvalidOperationException($"Cannot combine {left.Currency} and {right.Currency} amounts.");
}
