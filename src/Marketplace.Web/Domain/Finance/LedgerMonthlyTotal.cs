using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Domain.Finance;

/// <summary>
/// The ledger's lines summed by account × month × district × funding source, maintained in the same save as every line
/// (<c>LedgerTotalsInterceptor</c>), so the finance dashboard reads a few thousand sums instead of scanning a million
/// lines. The counterparty is left out on purpose: with it the table would hold nearly a row per line (hundreds of
/// buyers across districts and months); a report filtered by counterparty reads the lines through their own index.
/// Keys are not nullable (they make the primary key): <see cref="NoDistrict"/> and <see cref="NoFunding"/> stand for none.
/// </summary>
public sealed class LedgerMonthlyTotal
{
    public static readonly Guid NoDistrict = Guid.Empty;
    public const string NoFunding = "";

    public LedgerAccount Account { get; init; }

    /// <summary>yyyymm, as <see cref="LedgerEntry.Period"/>.</summary>
    public int Period { get; init; }
    public Guid DistrictId { get; init; }

    /// <summary>The <see cref="FundingSource"/>'s name, or <see cref="NoFunding"/>.</summary>
    public string Funding { get; init; } = NoFunding;
    public decimal Debit { get; private set; }
    public decimal Credit { get; private set; }

    /// <summary>The key of the cell a line adds to.</summary>
    public static (LedgerAccount Account, int Period, Guid DistrictId, string Funding) KeyOf(LedgerEntry line) =>
        (line.Account, line.Period, line.DistrictId ?? NoDistrict, line.FundingSource?.ToString() ?? NoFunding);

    public static LedgerMonthlyTotal For((LedgerAccount Account, int Period, Guid DistrictId, string Funding) key) =>
        new() { Account = key.Account, Period = key.Period, DistrictId = key.DistrictId, Funding = key.Funding };

    /// <summary>Adds lines (or, with a negative sign, takes deleted ones away).</summary>
    public void Add(decimal debit, decimal credit)
    {
        Debit += debit;
        Credit += credit;
    }

    public Guid? District => DistrictId == NoDistrict ? null : DistrictId;

    public FundingSource? FundingSource => Funding == NoFunding ? null : Enum.Parse<FundingSource>(Funding);
}
