using System.Globalization;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Infrastructure.Spreadsheets;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

public enum ManifestFormat { Csv, Xlsx }

/// <summary>
/// The lot's manifest as a spreadsheet, for the district that owns it, for every refurbisher while the lot
/// is open for quotes (to price it serial by serial) and for the buyer once it is awarded (to plan
/// receiving). Headers match what the import recognises, so a district can export, edit and import again.
/// </summary>
public static class ExportManifest
{
    public const string XlsxContentType = SpreadsheetXlsx.ContentType;

    /// <summary>The header row, which is the same whatever the day.</summary>
    public static readonly IReadOnlyList<string> Headers = Columns(DateOnly.MinValue).Headers;

    [AllowedRoles(Roles.DistrictStaff, Roles.RefurbisherStaff, Roles.SchoolStaff)]
    public sealed record Query(Guid LotId, ManifestFormat Format) : IQuery<Result>;

    public sealed record Result(string FileName, string ContentType, byte[] Content);

    /// <summary>Only the columns the manifest shows, read in one query.</summary>
    internal sealed record Line(
        string Serial, string? AssetTag, DeviceCategory Category, string? Manufacturer, string Model, CosmeticGrade Grade,
        FunctionalStatus Functional, string? Cpu, int? RamGb, int? StorageGb, DateOnly? PurchaseDate, FundingSource FundingSource,
        DateOnly? AueDate, EnrollmentStatus Enrollment, DeclaredSanitization DeclaredSanitization, int? BatteryHealthPercent,
        bool? HasCharger, string? Location, string? Notes, string? ModelNumber, decimal? PurchaseCost, DateOnly? EndOfLife, string? AssetStatus,
        SanitizationMethod? SanitizationMethod, DateTimeOffset? SanitizedAt);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            // Whoever may see the lot's page may have its manifest; sanitization comes from each device's latest record.
            var lotNumber = await db.LotsVisibleTo(user).Where(l => l.Id == query.LotId)
                                .Select(l => l.Number).SingleOrDefaultAsync(cancellationToken)
                            ?? throw new NotFoundException("Lot");
            var lines = await db.Devices.AsNoTracking().Where(d => d.LotId == query.LotId).OrderBy(d => d.Serial)
                .Select(d => new
                {
                    Device = d,
                    Sanitization = db.SanitizationRecords.Where(r => r.DeviceId == d.Id).OrderByDescending(r => r.RecordedAt)
                        .Select(r => new { r.Method, r.RecordedAt }).FirstOrDefault(),
                })
                .Select(x => new Line(x.Device.Serial, x.Device.AssetTag, x.Device.Category, x.Device.Manufacturer, x.Device.Model, x.Device.Grade,
                    x.Device.Functional, x.Device.Cpu, x.Device.RamGb, x.Device.StorageGb, x.Device.PurchaseDate, x.Device.FundingSource, x.Device.AueDate,
                    x.Device.Enrollment, x.Device.DeclaredSanitization, x.Device.BatteryHealthPercent, x.Device.HasCharger, x.Device.Location,
                    x.Device.Notes, x.Device.ModelNumber, x.Device.PurchaseCost, x.Device.EndOfLife, x.Device.AssetStatus, x.Sanitization == null ? null : x.Sanitization.Method, x.Sanitization == null ? null : x.Sanitization.RecordedAt))
                .ToListAsync(cancellationToken);
            var columns = Columns(clock.Today);
            var name = $"manifest-{lotNumber}";
            return query.Format == ManifestFormat.Xlsx
                ? new Result($"{name}.xlsx", XlsxContentType, SpreadsheetXlsx.Write("Manifest", $"Manifest {lotNumber}", columns, lines))
                : new Result($"{name}.csv", "text/csv", SpreadsheetCsv.Write(columns.Headers, columns.Format(lines)));
        }
    }

    /// <summary>The manifest's columns (header, width in characters, kind, value); years of updates are counted from <paramref name="today"/>.</summary>
    internal static SpreadsheetColumns<Line> Columns(DateOnly today) => new SpreadsheetColumns<Line>()
        .Text("Serial", 16, d => d.Serial)
        .Text("Asset tag", 12, d => d.AssetTag)
        .Text("Category", 14, d => d.Category.Words())
        .Text("Manufacturer", 14, d => d.Manufacturer)
        .Text("Model", 28, d => d.Model)
        .Text("Grade", 7, d => d.Grade.ToString())
        .Text("Functional", 12, d => d.Functional.Words())
        .Text("CPU", 18, d => d.Cpu)
        .Number("RAM (GB)", 9, d => d.RamGb)
        .Number("Storage (GB)", 11, d => d.StorageGb)
        .Date("Purchase date", 13, d => d.PurchaseDate)
        .Text("Funding source", 14, d => Known(d.FundingSource, FundingSource.Unknown))
        .Date("AUE", 12, d => d.AueDate)
        .Years("Years of updates left", 10, d => AueYears.Left(d.AueDate, today))
        .Text("Enrollment", 14, d => Known(d.Enrollment, EnrollmentStatus.Unknown))
        .Text("Sanitization (declared)", 14, d => Known(d.DeclaredSanitization, DeclaredSanitization.Unknown))
        .Number("Battery %", 9, d => d.BatteryHealthPercent)
        .Text("Charger", 8, d => YesNo(d.HasCharger))
        .Text("Location", 22, d => d.Location)
        .Text("Notes", 40, d => d.Notes)
        .Text("Model number", 14, d => d.ModelNumber)
        .Number("Purchase cost", 11, d => d.PurchaseCost)
        .Date("End of life", 12, d => d.EndOfLife)
        .Text("Asset status", 16, d => d.AssetStatus)
        .Text("Sanitized", 18, Sanitized);

    internal static string? YesNo(bool? value) => value switch { true => "Yes", false => "No", null => null };

    internal static string? Known<T>(T value, T unknown) where T : struct, Enum =>
        EqualityComparer<T>.Default.Equals(value, unknown) ? null : value.Words();

    internal static string? Sanitized(Line d) =>
        d.SanitizationMethod is { } method && d.SanitizedAt is { } at
            ? $"{method} {at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            : null;
}
