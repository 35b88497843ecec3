using AutoMapper;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Features.Lots;

/// <summary>A row in a list of lots.</summary>
public sealed class LotSummary
{
    public Guid Id { get; init; }
    public string Number { get; init; } = "";
    public string Title { get; init; } = "";
    public LotStatus Status { get; init; }
    public int DeviceCount { get; init; }
    public decimal? HammerPrice { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ListedAt { get; init; }
    public string DistrictName { get; set; } = "";
}

public sealed class DeviceRow
{
    public Guid Id { get; init; }
    public string Serial { get; init; } = "";
    public string? AssetTag { get; init; }
    public DeviceCategory Category { get; init; }
    public string? Manufacturer { get; init; }
    public string Model { get; init; } = "";
    public CosmeticGrade Grade { get; init; }
    public FunctionalStatus Functional { get; init; }
    public DateOnly? AueDate { get; init; }
    public FundingSource FundingSource { get; init; }
    public DeclaredSanitization DeclaredSanitization { get; init; }
    public int? BatteryHealthPercent { get; init; }
    public SanitizationMethod? SanitizationMethod { get; init; }
    public string? SanitizationTool { get; init; }
    public string? SanitizedBy { get; init; }
    public DateTimeOffset? SanitizedAt { get; init; }
}

public sealed record QuoteRow(Guid Id, Guid RefurbisherId, string Refurbisher, string? Certification, decimal Amount, string? Note,
    DateTimeOffset SubmittedAt, DateTimeOffset ValidUntil, QuoteStatus Status);

/// <summary>Everything the lot pages show, for the district that owns it or the refurbisher that bought it.</summary>
public sealed class LotDetails
{
    public required Lot Lot { get; init; }
    public required string DistrictName { get; init; }
    public string? BuyerName { get; init; }
    public required DevicePage Devices { get; init; }
    public int DeviceCount => Devices.LotTotal;
    public int SanitizedCount { get; init; }
    public required LotValue Value { get; init; }
    public required IReadOnlyList<QuoteRow> Quotes { get; init; }
    public Invoice? Invoice { get; init; }
    public Payout? Payout { get; init; }
    public string? CertificateCode { get; init; }
    public LotSettlement? Settlement { get; init; }
    public bool AcceptsCards { get; init; }
}

public sealed class LotMappingProfile : Profile
{
    public LotMappingProfile()
    {
        CreateMap<Lot, LotSummary>()
            .ForMember(s => s.DeviceCount, o => o.MapFrom(l => l.Devices.Count))
            .ForMember(s => s.DistrictName, o => o.Ignore());
        CreateMap<Device, DeviceRow>();
    }
}
