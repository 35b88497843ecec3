using System.Globalization;
using System.Text.Json;
using Marketplace.Web.Domain.Imports;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Imports;
using Marketplace.Web.Infrastructure.Spreadsheets;
using Marketplace.Web.Infrastructure.Web;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// A refurbisher lists (or updates) many SKUs from a CSV or .xlsx file, such as another marketplace's export: columns are
/// matched by their headers (or as chosen on the mapping step, remembered for the next file with the same headers), each
/// row is checked as the listing form checks it, and condition words map to our grades. All or nothing: a file with any
/// problem lists nothing and names every problem by row and column. The seller SKU is the key: a row whose SKU names an
/// existing listing of the seller updates it (price, stock, details) instead of adding a second one.
/// </summary>
public static class UploadListings
{
    public const string SellerSku = nameof(SellerSku), Title = nameof(Title), Description = nameof(Description), Category = nameof(Category),
        Manufacturer = nameof(Manufacturer), Model = nameof(Model), Cpu = nameof(Cpu), RamGb = nameof(RamGb), StorageGb = nameof(StorageGb),
        ScreenInches = nameof(ScreenInches), Condition = nameof(Condition), Functional = nameof(Functional), BatteryHealthPercent = nameof(BatteryHealthPercent),
        AueDate = nameof(AueDate), Price = nameof(Price), Quantity = nameof(Quantity), WarrantyMonths = nameof(WarrantyMonths),
        Tier1MinQuantity = nameof(Tier1MinQuantity), Tier1Price = nameof(Tier1Price), Tier2MinQuantity = nameof(Tier2MinQuantity), Tier2Price = nameof(Tier2Price);

    public const long MaxBytes = 5L * 1024 * 1024;

    public static readonly TableLimits Limits = new(MaxRows: 5_000, MaxBytes: MaxBytes, RowsAre: "listings");

    public static readonly IReadOnlyList<TableField> Fields =
    [
        new(SellerSku, "Seller SKU", true, "SKU", "Seller-SKU", "Custom label", "Custom label (SKU)", "Item SKU", "Merchant SKU", "Stock code", "Part number"),
        new(Title, "Title", false, "Listing title", "Item title", "Product name", "Name"),
        new(Description, "Description", false, "Item description", "Condition description", "Notes"),
        new(Category, "Category", false, "Device type", "Type", "Product type"),
        new(Manufacturer, "Manufacturer", true, "Brand", "Make", "Maker"),
        new(Model, "Model", true, "Model name", "Product model"),
        new(Cpu, "Processor", false, "CPU", "Chip"),
        new(RamGb, "RAM (GB)", true, "RAM", "Memory", "Memory (GB)"),
        new(StorageGb, "Storage (GB)", true, "Storage", "SSD", "Hard drive", "Capacity", "Storage capacity"),
        new(ScreenInches, "Screen (inches)", false, "Screen", "Screen size", "Display size"),
        new(Condition, "Condition", true, "Grade", "Cosmetic grade", "Item condition", "Condition ID", "Condition type"),
        new(Functional, "Functional status", false, "Functionality", "Function", "Working status"),
        new(BatteryHealthPercent, "Battery health (%)", false, "Battery health", "Battery", "Battery %"),
        new(AueDate, "Auto Update Expiration", false, "AUE", "AUE date", "Auto update through", "autoUpdateThrough"),
        new(Price, "Price", true, "Unit price", "Price (USD)", "Start price", "Your price", "Listing price"),
        new(Quantity, "Quantity", true, "Qty", "Stock", "Available quantity", "Quantity available"),
        new(WarrantyMonths, "Warranty (months)", false, "Warranty", "Warranty months"),
        new(Tier1MinQuantity, "Tier 1 quantity", false, "Tier 1 min quantity"),
        new(Tier1Price, "Tier 1 price", false, "Tier 1 unit price"),
        new(Tier2MinQuantity, "Tier 2 quantity", false, "Tier 2 min quantity"),
        new(Tier2Price, "Tier 2 price", false, "Tier 2 unit price"),
    ];

    /// <param name="Mapping">Field name → header, as chosen on the mapping step ("" for "not in this file"); null to use the remembered or detected columns.</param>
    [AllowedRoles(Roles.RefurbisherBuyer)]
    public sealed record Command(string FileName, byte[] Content, IReadOnlyDictionary<string, string>? Mapping = null) : ICommand<Result>;

    public sealed record Result(string FileName, int Added, int Updated, IReadOnlyList<TableProblem> Problems, int ProblemCount, TableMappingStep? Mapping,
        IReadOnlyList<string> Headers, IReadOnlyDictionary<string, string> Choices)
    {
        public bool Recorded => Mapping is null && ProblemCount == 0;

        public UploadRefusal Refusal => new(FileName, "file of listings", Mapping, Problems, ProblemCount, Headers);

        public string Summary => $"{Added + Updated:N0} listings from {FileName}: {Added:N0} new, {Updated:N0} updated";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FileName).TableFileName();
            RuleFor(c => c.Content).TableContent(MaxBytes);
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Result>
    {
        private static readonly ListingDetailsValidator DetailsValidator = new();

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var sellerId = user.RequireOrganization();
            var table = UploadedTable.ReadOrRefuse(command.FileName, command.Content, Limits);
            var headerSet = HeaderSetOf(table.Headers);
            var remembered = await db.ImportMappings.SingleOrDefaultAsync(m => m.OrganizationId == sellerId && m.HeaderSet == headerSet, cancellationToken);
            var chosen = command.Mapping ?? (remembered is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(remembered.MappingJson));
            var mapping = table.Map(Fields, chosen);
            if (!mapping.IsComplete)
            {
                return new Result(table.FileName, 0, 0, [], 0, TableMappingStep.Of(table, mapping), table.Headers, mapping.Choices);
            }

            var problems = new TableProblems(mapping);
            var rows = Read(table, mapping, problems);
            var skus = rows.Select(r => r.Sku).ToList();
            var existing = await db.ListingsOwnedBy(user).Where(l => l.SellerSku != null && skus.Contains(l.SellerSku)).ToDictionaryAsync(l => l.SellerSku!, cancellationToken);
            foreach (var row in rows)
            {
                // Checked before anything changes, so a refused file leaves every listing as it was.
                if (existing.TryGetValue(row.Sku, out var listing) && listing.IsSerialized && row.Details.Quantity != listing.QuantityAvailable)
                {
                    problems.AddFor(row.Number, Quantity, $"{row.Sku} is stocked with serialized units from bought lots ({listing.QuantityAvailable:N0} for sale): its quantity follows them. Write {listing.QuantityAvailable} or leave the row out.");
                }
            }

            if (problems.Count > 0)
            {
                return new Result(table.FileName, 0, 0, problems.Shown, problems.Count, null, table.Headers, mapping.Choices);
            }

            var (added, updated) = (0, 0);
            var now = clock.Now;
            foreach (var row in rows)
            {
                if (existing.TryGetValue(row.Sku, out var listing))
                {
                    row.Details.ApplyTo(listing);
                    updated++;
                }
                else
                {
                    listing = new Listing { SellerId = sellerId, Title = row.Details.TitleOrDefault, CreatedAt = now, SellerSku = row.Sku };
                    row.Details.ApplyTo(listing);
                    db.Listings.Add(listing);
                    added++;
                }
            }

            var choices = JsonSerializer.Serialize(mapping.Choices);
            if (remembered is null)
            {
                db.ImportMappings.Add(new ImportMapping { OrganizationId = sellerId, HeaderSet = headerSet, MappingJson = choices, UpdatedAt = now });
            }
            else
            {
                remembered.MappingJson = choices;
                remembered.UpdatedAt = now;
            }

            return new Result(table.FileName, added, updated, [], 0, null, table.Headers, mapping.Choices);
        }

        /// <summary>
        /// The remembered mapping's key: the header names with a marker, so a listings file never picks up a manifest's mapping
        /// stored for the same headers (the same table keeps both).
        /// </summary>
        private static string HeaderSetOf(IReadOnlyList<string> headers) => ManifestFields.HeaderSet(["storefront listings upload", .. headers]);

        private sealed record Row(int Number, string Sku, ListingDetails Details);

        private static List<Row> Read(UploadedTable table, TableMapping mapping, TableProblems problems)
        {
            var rows = new List<Row>(table.Rows.Count);
            var firstRowOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in table.Rows)
            {
                if (row.ShapeProblem is { } shape)
                {
                    problems.Add(row.Number, null, shape);
                    continue;
                }

                var before = problems.Count;
                var cells = new RowCells(row, mapping, problems);
                var sku = cells.Text(SellerSku) ?? "";
                if (sku.Length == 0)
                {
                    problems.AddFor(row.Number, SellerSku, "Enter the seller SKU: it tells this listing apart when the file is uploaded again.");
                }
                else if (sku.Length > Listing.MaxSellerSkuLength)
                {
                    problems.AddFor(row.Number, SellerSku, $"A seller SKU has at most {Listing.MaxSellerSkuLength} characters.");
                }
                else if (!firstRowOf.TryAdd(sku, row.Number))
                {
                    problems.AddFor(row.Number, SellerSku, $"{Refusal.Shown(sku)} is also on row {firstRowOf[sku]:N0}; list each SKU once.");
                }

                // The form's own checks run on a row whose cells could all be read; a repeated SKU does not hide them.
                var beforeCells = problems.Count;
                ListingConditions.Condition? condition = null;
                if (cells.Text(Condition) is { } word && (condition = ListingConditions.Read(word)) is null)
                {
                    problems.AddFor(row.Number, Condition, $"\"{Refusal.Shown(word)}\" is not a condition we know. Accepted: {ListingConditions.Accepted}.");
                }
                else if (condition is null)
                {
                    problems.AddFor(row.Number, Condition, $"Enter the condition. Accepted: {ListingConditions.Accepted}.");
                }

                FunctionalStatus? functional = condition?.Functional;
                if (cells.Text(Functional) is { } status)
                {
                    var read = ListingConditions.ReadFunctional(status);
                    if (read is null)
                    {
                        problems.AddFor(row.Number, Functional, $"\"{Refusal.Shown(status)}\" is not a functional status we know. Accepted: {ListingConditions.AcceptedFunctional}.");
                    }
                    else if (functional is { } fromCondition && fromCondition != read)
                    {
                        problems.AddFor(row.Number, Functional, $"The condition says {fromCondition.InSentence()} but this column says {read.Value.InSentence()}.");
                    }

                    functional = read ?? functional;
                }

                var model = cells.Text(Model) ?? "";
                var category = cells.Category(model);
                var details = new ListingDetails(cells.Text(Title), cells.Text(Description), category ?? DeviceCategory.Other, cells.Text(Manufacturer) ?? "", model,
                    cells.Text(Cpu), cells.Number(RamGb) ?? 0, cells.Number(StorageGb) ?? 0, cells.Decimal(ScreenInches) ?? 0, condition?.Grade ?? CosmeticGrade.A,
                    functional ?? FunctionalStatus.Working, cells.Number(BatteryHealthPercent), cells.Date(AueDate), cells.Decimal(Price) ?? 0, cells.Number(Quantity) ?? 0,
                    cells.Number(WarrantyMonths) ?? 12, cells.Number(Tier1MinQuantity), cells.Decimal(Tier1Price), cells.Number(Tier2MinQuantity), cells.Decimal(Tier2Price));
                if (problems.Count == beforeCells)
                {
                    foreach (var failure in DetailsValidator.Validate(details).Errors)
                    {
                        var field = failure.PropertyName switch
                        {
                            "Tiers" => Tier1MinQuantity,
                            "Grade" => Condition,
                            nameof(ListingDetails.Quantity) => Quantity,
                            var name => Fields.Any(f => f.Name == name) ? name : SellerSku,
                        };
                        problems.AddFor(row.Number, field, failure.ErrorMessage);
                    }
                }

                if (problems.Count == before)
                {
                    rows.Add(new Row(row.Number, sku, details));
                }
            }

            return rows;
        }
    }

    /// <summary>A row's cells read as the listing form's fields; an unreadable number or date is a problem named by its column.</summary>
    private sealed class RowCells(TableRow row, TableMapping mapping, TableProblems problems)
    {
        public string? Text(string field) => mapping.Cell(row, field);

        public int? Number(string field) => Decimal(field) is { } value ? value == decimal.Truncate(value) && Math.Abs(value) < int.MaxValue
            ? (int)value : Problem<int?>(field, $"\"{Text(field)}\" is not a whole number.") : null;

        /// <summary>"$129.00", "8 GB", "92%" and "1,299.50" all read as numbers: exports carry units and thousands separators.</summary>
        public decimal? Decimal(string field)
        {
            if (Text(field) is not { } text)
            {
                return null;
            }

            var cleaned = new string([.. text.Where(c => char.IsDigit(c) || c is '.' or '-')]);
            return decimal.TryParse(cleaned, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && cleaned.Length > 0
                ? value
                : Problem<decimal?>(field, $"\"{Refusal.Shown(text)}\" is not a number.");
        }

        public DateOnly? Date(string field)
        {
            if (Text(field) is not { } text)
            {
                return null;
            }

            string[] formats = ["yyyy-MM-dd", "yyyy-MM", "M/d/yyyy", "MM/dd/yyyy", "MMMM yyyy", "MMM yyyy", "yyyy/MM"];
            return DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : Problem<DateOnly?>(field, $"\"{Refusal.Shown(text)}\" is not a date; write it as 2029-06-01 or June 2029.");
        }

        /// <summary>The category written, or the one the model names (a "Chromebook 3110" is a Chromebook); a problem when neither says.</summary>
        public DeviceCategory? Category(string model)
        {
            if (Text(UploadListings.Category) is { } text)
            {
                var key = UploadedTable.NormalizeHeader(text);
                var found = Enum.GetValues<DeviceCategory>().Cast<DeviceCategory?>()
                    .FirstOrDefault(c => UploadedTable.NormalizeHeader(c!.Value.ToString()) == key || UploadedTable.NormalizeHeader(c.Value.Words()) == key);
                found ??= key switch { "laptop" or "windows" or "notebook" => DeviceCategory.WindowsLaptop, "ipad" or "tablets" => DeviceCategory.Tablet, _ => null };
                return found ?? Problem<DeviceCategory?>(UploadListings.Category,
                    $"\"{Refusal.Shown(text)}\" is not a category we know. Accepted: {string.Join(", ", Enum.GetValues<DeviceCategory>().Select(c => c.Words()))}.");
            }

            var name = model.ToUpperInvariant();
            return name.Contains("CHROMEBOOK", StringComparison.Ordinal) ? DeviceCategory.Chromebook
                : name.Contains("MACBOOK", StringComparison.Ordinal) ? DeviceCategory.MacBook
                : name.Contains("IPAD", StringComparison.Ordinal) ? DeviceCategory.Tablet
                : Problem<DeviceCategory?>(UploadListings.Category, $"Enter the category: the model does not say it. Accepted: {string.Join(", ", Enum.GetValues<DeviceCategory>().Select(c => c.Words()))}.");
        }

        private T Problem<T>(string field, string message)
        {
            problems.AddFor(row.Number, field, message);
            return default!;
        }
    }

    /// <summary>An empty file with our headers and one example row, for sellers who keep their stock sheet by hand.</summary>
    public static byte[] Template() => SpreadsheetCsv.Write([.. Fields.Select(f => f.Label)],
    [
        ["DL3110-A-4-32", "", "", "Chromebook", "Dell", "Chromebook 3110", "Intel Celeron N4500", "4", "32", "11.6", "Excellent", "Working", "92", "2031-06-01",
            "129.00", "40", "12", "10", "119.00", "50", "109.00"],
    ]);
}
