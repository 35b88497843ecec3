using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Features.Lots;

/// <summary>Everything a district records about one device, apart from its serial (the chain's key).</summary>
public sealed record DeviceDetails
{
    public string? AssetTag { get; init; }
    public DeviceCategory Category { get; init; }
    public string? Manufacturer { get; init; }
    public string Model { get; init; } = "";
    public string? ModelNumber { get; init; }
    public string? Cpu { get; init; }
    public int? RamGb { get; init; }
    public int? StorageGb { get; init; }
    public DateOnly? PurchaseDate { get; init; }
    public decimal? PurchaseCost { get; init; }
    public FundingSource FundingSource { get; init; }
    public DateOnly? AueDate { get; init; }
    public DateOnly? EndOfLife { get; init; }
    public string? AssetStatus { get; init; }
    public EnrollmentStatus Enrollment { get; init; }
    public DeclaredSanitization DeclaredSanitization { get; init; }
    public CosmeticGrade Grade { get; init; }
    public FunctionalStatus Functional { get; init; }
    public int? BatteryHealthPercent { get; init; }
    public bool? HasCharger { get; init; }
    public string? Location { get; init; }
    public string? Notes { get; init; }

    public static DeviceDetails From(Device d) => new()
    {
        AssetTag = d.AssetTag, Category = d.Category, Manufacturer = d.Manufacturer, Model = d.Model, ModelNumber = d.ModelNumber, Cpu = d.Cpu, RamGb = d.RamGb,
        StorageGb = d.StorageGb, PurchaseDate = d.PurchaseDate, PurchaseCost = d.PurchaseCost, FundingSource = d.FundingSource, AueDate = d.AueDate,
        EndOfLife = d.EndOfLife, AssetStatus = d.AssetStatus, Enrollment = d.Enrollment,
        DeclaredSanitization = d.DeclaredSanitization, Grade = d.Grade, Functional = d.Functional, BatteryHealthPercent = d.BatteryHealthPercent,
        HasCharger = d.HasCharger, Location = d.Location, Notes = d.Notes,
    };

    public void ApplyTo(Device d)
    {
        d.AssetTag = Clean(AssetTag);
        d.Category = Category;
        d.Manufacturer = Clean(Manufacturer);
        d.Model = Model.Trim();
        d.ModelNumber = Clean(ModelNumber);
        d.Cpu = Clean(Cpu);
        d.RamGb = RamGb;
        d.StorageGb = StorageGb;
        d.PurchaseDate = PurchaseDate;
        d.PurchaseCost = PurchaseCost;
        d.FundingSource = FundingSource;
        d.AueDate = AueDate;
        d.EndOfLife = EndOfLife;
        d.AssetStatus = Clean(AssetStatus);
        d.Enrollment = Enrollment;
        d.DeclaredSanitization = DeclaredSanitization;
        d.Grade = Grade;
        d.Functional = Functional;
        d.BatteryHealthPercent = BatteryHealthPercent;
        d.HasCharger = HasCharger;
        d.Location = Clean(Location);
        d.Notes = Clean(Notes);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public const string PurchaseDateMessage = "Purchase date: a date between 1990 and today.";

    /// <summary>A purchase date the E-rate and federal rules can judge: none, or a real one that is not in the future.</summary>
    public static bool IsPlausiblePurchaseDate(DateOnly? date, DateOnly today) => date is null || (date.Value.Year >= 1990 && date.Value <= today);

    public sealed class Rules : AbstractValidator<DeviceDetails>
    {
        public Rules(IClock clock)
        {
            RuleFor(f => f.Model).NotEmpty().WithMessage("Enter the device model, e.g. \"Dell Chromebook 3100\".")
                .MaximumLength(200).WithMessage("Model: at most 200 characters.");
            RuleFor(f => f.AssetTag).MaximumLength(64).WithMessage("Asset tag: at most 64 characters.");
            RuleFor(f => f.Manufacturer).MaximumLength(100).WithMessage("Manufacturer: at most 100 characters.");
            RuleFor(f => f.Cpu).MaximumLength(100).WithMessage("CPU: at most 100 characters.");
            RuleFor(f => f.ModelNumber).MaximumLength(100).WithMessage("Model number: at most 100 characters.");
            RuleFor(f => f.AssetStatus).MaximumLength(100).WithMessage("Asset status: at most 100 characters.");
            RuleFor(f => f.PurchaseCost).InclusiveBetween(0m, 1_000_000m).When(f => f.PurchaseCost is not null)
                .WithMessage("Purchase cost: an amount from $0 to $1,000,000.");
            RuleFor(f => f.Location).MaximumLength(200).WithMessage("Location: at most 200 characters.");
            RuleFor(f => f.Notes).MaximumLength(2000).WithMessage("Notes: at most 2,000 characters.");
            RuleFor(f => f.Category).IsInEnum().WithMessage("Category: choose one of the listed categories.");
            RuleFor(f => f.Grade).IsInEnum().WithMessage("Cosmetic grade: choose A, B, C or D.");
            RuleFor(f => f.Functional).IsInEnum().WithMessage("Function: choose one of the listed conditions.");
            RuleFor(f => f.FundingSource).IsInEnum().WithMessage("Funding source: choose one of the listed sources.");
            RuleFor(f => f.Enrollment).IsInEnum().WithMessage("Enrollment: choose one of the listed states.");
            RuleFor(f => f.DeclaredSanitization).IsInEnum().WithMessage("Wiped: choose one of the listed answers.");
            RuleFor(f => f.RamGb).InclusiveBetween(1, 1024).When(f => f.RamGb is not null).WithMessage("RAM: a whole number of GB from 1 to 1,024.");
            RuleFor(f => f.StorageGb).InclusiveBetween(1, 65_536).When(f => f.StorageGb is not null).WithMessage("Storage: a whole number of GB from 1 to 65,536.");
            RuleFor(f => f.BatteryHealthPercent).InclusiveBetween(0, 100).When(f => f.BatteryHealthPercent is not null).WithMessage("Battery health: a percentage from 0 to 100.");
            RuleFor(f => f.PurchaseDate).Must(d => IsPlausiblePurchaseDate(d, clock.Today)).WithMessage(PurchaseDateMessage);
            RuleFor(f => f.AueDate).Must(d => d is null || (d.Value.Year >= 2010 && d.Value.Year <= 2045))
                .WithMessage("Auto Update Expiration: a date between 2010 and 2045.");
        }
    }
}
