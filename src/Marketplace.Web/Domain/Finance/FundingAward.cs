namespace Marketplace.Web.Domain.Finance;

/// <summary>
/// A federal grant award a district bought devices with ("ESSER III", "Title IV-A 2025"): its date decides which version of
/// 2 CFR 200 governs the devices' disposition, and its federal participation decides the awarding agency's share of what
/// they sell for (see <see cref="FederalShare"/>). Devices bought with it reference it.
/// </summary>
public sealed class FundingAward
{
    public const int MaxNameLength = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid DistrictId { get; init; }
    public string Name { get; private set; } = "";

    /// <summary>The date of the award (or of the continuation award that brought it under the revised rules).</summary>
    public DateOnly AwardDate { get; private set; }

    /// <summary>The federal share of the cost of the original purchase, as a percentage in (0, 100].</summary>
    public decimal FederalPercent { get; private set; }
    public DateTimeOffset RecordedAt { get; init; }

    public static FundingAward Record(Guid districtId, string name, DateOnly awardDate, decimal federalPercent, DateTimeOffset now)
    {
        var award = new FundingAward { DistrictId = districtId, RecordedAt = now };
        award.Correct(name, awardDate, federalPercent);
        return award;
    }

    public void Correct(string name, DateOnly awardDate, decimal federalPercent)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
        {
            throw new DomainException($"Name the award in 1 to {MaxNameLength} characters.");
        }

        if (federalPercent is <= 0 or > 100)
        {
            throw new DomainException("Federal participation is a percentage above 0 and at most 100.");
        }

        Name = name.Trim();
        AwardDate = awardDate;
        FederalPercent = federalPercent;
    }

    public AwardTerms Terms => new(Id, Name, AwardDate, FederalPercent);
}
