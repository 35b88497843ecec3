using Marketplace.Web.Domain.Market;

namespace Marketplace.Web.Domain.Finance;

/// <summary>
/// One entry of the platform's sales tax table: a state's rate from a date on. Entries are never edited: a change is a new
/// entry with its own effective date, so an order keeps the rate that was in force the day it was placed (the order copies
/// it). One rate per state: local (county and city) rates are not modeled, so the admin enters the rate the platform
/// collects for that state.
/// </summary>
/// <remarks>
/// The marketplace collects the tax as a marketplace facilitator (the laws most states passed after South Dakota v. Wayfair,
/// 2018): the tax is owed by the platform, not by the refurbisher, so it is a liability of the platform's
/// (<see cref="LedgerAccount.SalesTaxPayable"/>) and never part of the seller's proceeds.
/// </remarks>
public sealed class SalesTaxRate
{
    /// <summary>No US state's combined rate comes near this; above it is a typing slip (7.5 meant as 75%).</summary>
    public const decimal MaxRate = 0.20m;

    public int Id { get; init; }

    /// <summary>The USPS code of the ship-to state the rate applies to.</summary>
    public required string State { get; init; }

    /// <summary>As a fraction: 0.065 is 6.5%.</summary>
    public decimal Rate { get; init; }

    /// <summary>
    /// Whether the state taxes the delivery charge along with the goods. States differ (Washington and Texas tax it when the
    /// goods are taxable; California does not when it is separately stated), so it is set per state with the rate.
    /// </summary>
    public bool TaxesShipping { get; init; }

    /// <summary>The first day orders are taxed at this rate.</summary>
    public DateOnly EffectiveOn { get; init; }

    public DateTimeOffset SetAt { get; init; }
    public required string SetBy { get; init; }
    public string? Reason { get; init; }

    public static SalesTaxRate Set(string state, decimal rate, bool taxesShipping, DateOnly effectiveOn, DateOnly today, string setBy, string? reason,
        DateTimeOffset now)
    {
        var code = state.Trim().ToUpperInvariant();
        if (!UsGeography.StateCenters.ContainsKey(code))
        {
            throw new DomainException($"State: \"{state}\" is not a US state's two-letter code.");
        }

        if (rate < 0 || rate > MaxRate)
        {
            throw new DomainException($"Rate: {rate * 100:0.###}% is outside 0% to {MaxRate * 100:0}%.");
        }

        // Orders already placed keep their rate whatever is entered, but a date in the past would make the table claim a
        // rate was in force on days orders were taxed at another.
        if (effectiveOn < today)
        {
            throw new DomainException($"Effective date: {effectiveOn:MMMM d, yyyy} is in the past; a new rate starts today or later.");
        }

        return new SalesTaxRate
        {
            State = code, Rate = rate, TaxesShipping = taxesShipping, EffectiveOn = effectiveOn, SetAt = now, SetBy = setBy,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        };
    }

    /// <summary>The entry in force for <paramref name="state"/> on <paramref name="day"/>: the latest effective on or before it (the later-entered one on a tie).</summary>
    public static SalesTaxRate? InForce(IEnumerable<SalesTaxRate> rates, string state, DateOnly day) =>
        rates.Where(r => r.State == state && r.EffectiveOn <= day).OrderByDescending(r => r.EffectiveOn).ThenByDescending(r => r.SetAt).ThenByDescending(r => r.Id)
            .FirstOrDefault();

    /// <summary>What the taxable amount owes, rounded to the cent half away from zero, once per order (not per line).</summary>
    public decimal TaxOn(decimal goods, decimal shipping) => Round((goods + (TaxesShipping ? shipping : 0m)) * Rate);

    public static decimal Round(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
}
