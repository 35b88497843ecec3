using System.Globalization;
using ClosedXML.Excel;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

public enum ManifestFormat { Csv, Xlsx }

/// <summary>
/// The lot's manifest as a spreadsheet, for the district that owns it and for the refurbisher once it is
/// awarded the lot (to plan receiving). Headers match what the import recognises, so a district can
/// export, edit and import again.
/// </summary>
public static class ExportManifest
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly IReadOnlyList<string> Headers =
    [
        "Serial", "Asset tag", "Category", "Manufacturer", "Model", "Grade", "Functional", "CPU", "RAM (GB)", "Storage (GB)",
        "Purchase date", "Funding source", "AUE", "Years of updates left", "Enrollment", "Sanitization (declared)", "Battery %",
        "Charger", "Location", "Notes", "Sanitized",
    ];

    [AllowedRoles(Roles.DistrictStaff, Roles.RefurbisherStaff)]
    public sealed record Query(Guid LotId, ManifestFormat Format) : IQuery<Result>;

    public sealed record Result(string FileName, string ContentType, byte[] Content);

    /// <summary>Only the columns the manifest shows, read in one query.</summary>
    internal sealed record Line(
        string Serial, string? AssetTag, DeviceCategory Category, string? Manufacturer, string Model, CosmeticGrade Grade,
        FunctionalStatus Functional, string? Cpu, int? RamGb, int? StorageGb, DateOnly? PurchaseDate, FundingSource FundingSource,
        DateOnly? AueDate, EnrollmentStatus Enrollment, DeclaredSanitization DeclaredSanitization, int? BatteryHealthPercent,
        bool? HasCharger, string? Location, string? Notes, SanitizationMethod? SanitizationMethod, DateTimeOffset? SanitizedAt);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            // A buyer id is set when the lot is awarded and stays through pickup and settlement.
            var lotNumber = await db.Lots.Where(l => l.Id == query.LotId && (l.DistrictId == organizationId || l.BuyerId == organizationId))
                                .Select(l => l.Number).SingleOrDefaultAsync(cancellationToken)
                            ?? throw new NotFoundException("Lot");
            var lines = await db.Devices.AsNoTracking().Where(d => d.LotId == query.LotId).OrderBy(d => d.Serial)
                .Select(d => new Line(d.Serial, d.AssetTag, d.Category, d.Manufacturer, d.Model, d.Grade, d.Functional, d.Cpu, d.RamGb,
                    d.StorageGb, d.PurchaseDate, d.FundingSource, d.AueDate, d.Enrollment, d.DeclaredSanitization, d.BatteryHealthPercent,
                    d.HasCharger, d.Location, d.Notes, d.SanitizationMethod, d.SanitizedAt))
                .ToListAsync(cancellationToken);
            var today = clock.Today;
            var name = $"manifest-{lotNumber}";
            return query.Format == ManifestFormat.Xlsx
                ? new Result($"{name}.xlsx", XlsxContentType, ManifestWorkbook.Write(lotNumber, lines, today))
                : new Result($"{name}.csv", "text/csv", SpreadsheetCsv.Write(Headers, lines.Select(line => Cells(line, today))));
        }
    }

    internal static string?[] Cells(Line d, DateOnly today) =>
    [
        d.Serial, d.AssetTag, d.Category.Words(), d.Manufacturer, d.Model, d.Grade.ToString(), d.Functional.Words(), d.Cpu,
        Number(d.RamGb), Number(d.StorageGb), Date(d.PurchaseDate), Known(d.FundingSource, FundingSource.Unknown), Date(d.AueDate),
        AueYears.Left(d.AueDate, today)?.ToString("0.0", CultureInfo.InvariantCulture), Known(d.Enrollment, EnrollmentStatus.Unknown),
        Known(d.DeclaredSanitization, DeclaredSanitization.Unknown), Number(d.BatteryHealthPercent), YesNo(d.HasCharger), d.Location,
        d.Notes, Sanitized(d),
    ];

    internal static string? YesNo(bool? value) => value switch { true => "Yes", false => "No", null => null };

    internal static string? Known<T>(T value, T unknown) where T : struct, Enum =>
        EqualityComparer<T>.Default.Equals(value, unknown) ? null : value.Words();

    internal static string? Sanitized(Line d) =>
        d.SanitizationMethod is { } method && d.SanitizedAt is { } at
            ? $"{method} {at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            : null;

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// The .xlsx form of the manifest: bold frozen header with filters, numbers and dates as real Excel values,
/// and text written as text (never parsed as a formula) with formula-looking values neutralised like the CSV.
/// </summary>
internal static class ManifestWorkbook
{
    private const string DateFormat = "yyyy-mm-dd";

    // Columns (1-based) that hold numbers or dates rather than text.
    private const int RamColumn = 9, StorageColumn = 10, PurchaseDateColumn = 11, AueColumn = 13, YearsLeftColumn = 14, BatteryColumn = 17;

    private static readonly double[] Widths = [16, 12, 14, 14, 28, 7, 12, 18, 9, 11, 13, 14, 12, 10, 14, 14, 9, 8, 22, 40, 18];

    public static byte[] Write(string lotNumber, IReadOnlyList<ExportManifest.Line> lines, DateOnly today)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Manifest");
        var headers = ExportManifest.Headers;
        for (var c = 0; c < headers.Count; c++)
        {
            sheet.Cell(1, c + 1).SetValue(headers[c]);
            sheet.Column(c + 1).Width = Widths[c];
        }

        var row = 2;
        foreach (var line in lines)
        {
            var cells = ExportManifest.Cells(line, today);
            for (var c = 0; c < cells.Length; c++)
            {
                var column = c + 1;
                var cell = sheet.Cell(row, column);
                switch (column)
                {
                    case RamColumn:
                        SetNumber(cell, line.RamGb);
                        break;
                    case StorageColumn:
                        SetNumber(cell, line.StorageGb);
                        break;
                    case BatteryColumn:
                        SetNumber(cell, line.BatteryHealthPercent);
                        break;
                    case YearsLeftColumn when AueYears.Left(line.AueDate, today) is { } years:
                        cell.SetValue(years);
                        break;
                    case PurchaseDateColumn:
                        SetDate(cell, line.PurchaseDate);
                        break;
                    case AueColumn:
                        SetDate(cell, line.AueDate);
                        break;
                    default:
                        if (!string.IsNullOrEmpty(cells[c]))
                        {
                            // SetValue<string> stores text as is; assigning .Value would turn "=..." into a formula.
                            cell.SetValue(SpreadsheetCsv.Neutralize(cells[c]));
                        }

                        break;
                }
            }

            row++;
        }

        var header = sheet.Range(1, 1, 1, headers.Count);
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = XLColor.FromHtml("#E5E7EB");
        sheet.SheetView.FreezeRows(1);
        sheet.Range(1, 1, Math.Max(row - 1, 1), headers.Count).SetAutoFilter();
        foreach (var column in new[] { PurchaseDateColumn, AueColumn })
        {
            sheet.Column(column).Style.NumberFormat.Format = DateFormat;
        }

        sheet.Column(YearsLeftColumn).Style.NumberFormat.Format = "0.0";
        workbook.Properties.Title = $"Manifest {lotNumber}";
        workbook.Properties.Author = "K-12 Device Marketplace";

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void SetNumber(IXLCell cell, int? value)
    {
        if (value is { } number)
        {
            cell.SetValue(number);
        }
    }

    private static void SetDate(IXLCell cell, DateOnly? value)
    {
        if (value is { } date)
        {
            cell.SetValue(date.ToDateTime(TimeOnly.MinValue));
        }
    }
}
