using AutoMapper;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Sales;

using Marketplace.Web.Domain.Imports;

namespace Marketplace.Web.Features.Lots;

/// <summary>The lot itself as pages show it.</summary>
public sealed record LotHeader(Guid Id, string Number, Guid DistrictId, string Title, string? Description, string? PickupAddress,
    string? BoardApprovalReference, string Currency, DateTimeOffset CreatedAt, DateTimeOffset? ListedAt, ManifestSummary Manifest);

/// <summary>A row in a list of lots.</summary>
public sealed class LotSummary
{
    public Guid Id { get; init; }
    public string Number { get; init; } = "";
    public string Title { get; init; } = "";
    public LotStage Stage { get; set; }
    public int DeviceCount { get; init; }
    public decimal? HammerPrice { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ListedAt { get; init; }
    public string DistrictName { get; set; } = "";

    /// <summary>Paid lots: the last day to collect it.</summary>
    public DateOnly? RemovalDueOn { get; set; }

    /// <summary>Paid and still not handed over after its removal deadline.</summary>
    public bool PickupOverdue { get; set; }
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

    /// <summary>The device's latest sanitization record, when the page shows sanitization.</summary>
    public SanitizationView? Sanitization { get; set; }

    /// <summary>Not scanned when the buyer finished receiving: nothing of it is sanitized or certified.</summary>
    public bool ReportedMissing { get; set; }
}

/// <summary>A device's storage media as the grid shows them: how many are recorded and accepted, and the latest entry.</summary>
public sealed record SanitizationView(Guid DeviceId, int Media, int Accepted, SanitizationMethod? Method, string Performer, DateTimeOffset RecordedAt);

public sealed record QuoteRow(Guid Id, Guid RefurbisherId, string Refurbisher, string? Certification, decimal Amount, string? Note,
    DateTimeOffset SubmittedAt, DateTimeOffset ValidUntil, QuoteStatus Status)
{
    /// <summary>Awards the quoting organization let lapse unpaid, anywhere on the marketplace: what districts weigh when comparing.</summary>
    public int Forfeits { get; init; }

    /// <summary>The per-device price, when the quote was priced that way.</summary>
    public decimal? PerDevice { get; init; }
}

/// <summary>A pickup window the buyer proposed, as both lot pages list it.</summary>
public sealed record PickupWindowView(Guid Id, DateOnly Date, string TimeRange, string Description, PickupWindowStatus Status, DateTimeOffset ProposedAt, string ProposedBy)
{
    public bool IsOpen => Status == PickupWindowStatus.Proposed;
}

/// <summary>Pickup, hand-over, receiving and sanitization of a paid lot, as its two parties' pages show them.</summary>
public sealed record FulfillmentView
{
    public int DeviceCount { get; init; }
    public int SanitizedCount { get; init; }
    public DateOnly RemovalDueOn { get; init; }

    /// <summary>Not handed over by the end of the removal deadline's day (today by the app's clock).</summary>
    public bool RemovalOverdue { get; init; }
    public IReadOnlyList<PickupWindowView> Windows { get; init; } = [];
    public DateOnly? PickupDate { get; init; }
    public string? PickupWindow { get; init; }
    public string? PickupContact { get; init; }
    public string? PickupDock { get; init; }
    public int? ExpectedPackages { get; init; }
    public string? PickupInstructions { get; init; }
    public string? OtherWindowsRequest { get; init; }
    public DateTimeOffset? OtherWindowsRequestedAt { get; init; }
    public DateTimeOffset? PickedUpAt { get; init; }
    public string? ReleasedBy { get; init; }
    public string? CollectedBy { get; init; }
    public string? SealNumbers { get; init; }
    public int? HandedOverPackages { get; init; }
    public DateTimeOffset? ReceivedAt { get; init; }
    public DateTimeOffset? CertifiedAt { get; init; }

    /// <summary>Devices still enrolled in device management: the hand-over waits until the district confirms each deprovisioned.</summary>
    public int StillEnrolled { get; init; }

    /// <summary>Devices scanned at the hand-over, and at receiving (scans in force).</summary>
    public int HandOverScans { get; init; }
    public int ReceivingScans { get; init; }

    /// <summary>The manifest less the serials reported missing at receiving: what sanitization and the certificate cover.</summary>
    public int DevicesToSanitize { get; init; }

    /// <summary>The receiving reconciliation, once the buyer finished receiving.</summary>
    public ReconciliationSummary? Reconciliation { get; init; }

    public int PercentSanitized => DevicesToSanitize == 0 ? 0 : (int)(SanitizedCount * 100L / DevicesToSanitize);

    public static FulfillmentView From(LotFulfillment f, DateOnly today) => new()
    {
        DeviceCount = f.DeviceCount, DevicesToSanitize = f.DevicesToSanitize, SanitizedCount = f.SanitizedCount, RemovalDueOn = f.RemovalDueOn, RemovalOverdue = f.IsRemovalOverdue(today),
        Windows = f.Windows.OrderBy(w => w.Date).ThenBy(w => w.Starts)
            .Select(w => new PickupWindowView(w.Id, w.Date, w.TimeRange, w.Describe(), w.Status, w.ProposedAt, w.ProposedBy)).ToList(),
        PickupDate = f.PickupDate, PickupWindow = f.PickupWindow, PickupContact = f.PickupContact, PickupDock = f.PickupDock, ExpectedPackages = f.ExpectedPackages,
        PickupInstructions = f.PickupInstructions, OtherWindowsRequest = f.OtherWindowsRequest, OtherWindowsRequestedAt = f.OtherWindowsRequestedAt,
        PickedUpAt = f.PickedUpAt, ReleasedBy = f.ReleasedBy, CollectedBy = f.CollectedBy, SealNumbers = f.SealNumbers, HandedOverPackages = f.HandedOverPackages,
        ReceivedAt = f.ReceivedAt, CertifiedAt = f.CertifiedAt,
    };
}

/// <summary>Where the receiving reconciliation stands, for the lot pages' status line.</summary>
public sealed record ReconciliationSummary(ReconciliationStatus Status, int Received, int Discrepancies, decimal Proposed, decimal? Agreed)
{
    public bool AwaitsDistrict => Status == ReconciliationStatus.AwaitingDistrict;

    public string Words => Status switch
    {
        ReconciliationStatus.Matched => "everything arrived as declared",
        ReconciliationStatus.AwaitingDistrict => $"{Discrepancies:N0} discrepanc{(Discrepancies == 1 ? "y" : "ies")}, {Proposed:C} proposed adjustment awaiting the district",
        ReconciliationStatus.Approved => $"{Discrepancies:N0} discrepanc{(Discrepancies == 1 ? "y" : "ies")}, adjustment of {Agreed:C} approved by the district",
        ReconciliationStatus.Disputed => $"{Discrepancies:N0} discrepanc{(Discrepancies == 1 ? "y" : "ies")}, disputed by the district: the platform resolves it",
        _ => $"{Discrepancies:N0} discrepanc{(Discrepancies == 1 ? "y" : "ies")}, resolved by the platform with an adjustment of {Agreed:C}",
    };
}

public sealed record InvoiceView(Guid Id, string Number, decimal Amount, string Currency, PaymentMethod Method, string? PurchaseOrderNumber,
    InvoiceStatus Status, DateOnly DueOn, DateTimeOffset? PaidAt, int NetTermsDays);

public sealed record PayoutView(Guid Id, decimal Amount, string Currency, PayoutMethod Method, PayoutStatus Status, DateTimeOffset? ApprovedAt,
    DateTimeOffset? SentAt, string? Reference);

/// <summary>Everything the lot pages show, for the district that owns it or the refurbisher that bought it.</summary>
public sealed class LotDetails
{
    public required LotHeader Lot { get; init; }
    public required LotProgress Progress { get; init; }
    public LotStage Stage => Progress.Stage;

    /// <summary>The sale by its mode's rules, as this viewer may see it; null for a draft.</summary>
    public Sales.SalePanel? Sale { get; init; }
    public required string DistrictName { get; init; }
    public string? BuyerName { get; init; }
    public required DevicePage Devices { get; init; }
    public int DeviceCount => Lot.Manifest.Devices;
    public ManifestSummary Manifest => Lot.Manifest;

    /// <summary>Drafts only: the first E-rate-restricted serials, and how many there are, checked against today's date.</summary>
    public IReadOnlyList<string> ERateRestrictedSerials { get; init; } = [];
    public int ERateRestrictedCount { get; init; }
    public SaleMode? SaleMode { get; init; }
    public required IReadOnlyList<QuoteRow> Quotes { get; init; }
    public SettlementTerms? Terms { get; init; }
    public FulfillmentView? Fulfillment { get; init; }
    public int SanitizedCount => Fulfillment?.SanitizedCount ?? 0;
    public InvoiceView? Invoice { get; init; }
    public PayoutView? Payout { get; init; }
    public string? CertificateCode { get; init; }
    public bool AcceptsCards { get; init; }

    /// <summary>Why the district cannot list this draft (its standing or documents), shown instead of the submit button.</summary>
    public Organizations.StandingNotice? SubmitNotice { get; init; }

    /// <summary>Why the buyer cannot pay for the lot, shown instead of the payment forms.</summary>
    public Organizations.StandingNotice? PayNotice { get; init; }

    /// <summary>The district's imports into this lot that still wait for it (to map, to check, to confirm) or are running.</summary>
    public IReadOnlyList<UnfinishedImport> UnfinishedImports { get; init; } = [];

    /// <summary>The district's own view only, and only when the lot holds federally funded devices.</summary>
    public FederalShareView? FederalShare { get; init; }
}

/// <summary>
/// The lot's federal share per award; on the district's proceeds once a buyer's price is agreed, else on the price guide.
/// With it, the district's awards and the models of the federally funded devices still waiting for one, for the bulk link.
/// </summary>
public sealed record FederalShareView(IReadOnlyList<Domain.Finance.AwardShare> Awards, decimal? Proceeds, IReadOnlyList<AwardChoice> Choices,
    IReadOnlyList<UnlinkedModel> Unlinked)
{
    public decimal Total => Awards.Sum(a => a.Share);
    public int WithoutAward => Unlinked.Sum(u => u.Devices);
}

public sealed record AwardChoice(Guid Id, string Name);

public sealed record UnlinkedModel(string Model, int Devices);

public sealed record UnfinishedImport(Guid Id, string FileName, ImportStatus Status, int TotalRows, int ValidRows, int IssueCount, DateTimeOffset CreatedAt);

public sealed class LotMappingProfile : Profile
{
    public LotMappingProfile()
    {
        CreateMap<Lot, LotHeader>();
        CreateMap<Lot, LotSummary>()
            .ForMember(s => s.DeviceCount, o => o.MapFrom(l => l.Manifest.Devices))
            .ForMember(s => s.Stage, o => o.Ignore())
            .ForMember(s => s.HammerPrice, o => o.Ignore())
            .ForMember(s => s.DistrictName, o => o.Ignore())
            .ForMember(s => s.RemovalDueOn, o => o.Ignore())
            .ForMember(s => s.PickupOverdue, o => o.Ignore());
        CreateMap<Device, DeviceRow>().ForMember(r => r.Sanitization, o => o.Ignore()).ForMember(r => r.ReportedMissing, o => o.Ignore());
        CreateMap<Invoice, InvoiceView>();
        CreateMap<Payout, PayoutView>();
    }
}
