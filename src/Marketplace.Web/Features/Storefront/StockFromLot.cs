using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// A refurbisher turns certified devices of a lot it bought into storefront stock in one step: the chosen serials (or every
/// stockable device matching a model and grade) get the refurbished grade, warranty and price it sets, and land on one
/// listing per SKU (model, grade and specs) as serialized units that keep their lot, model year, update runway and certificate.
/// A SKU the seller already sells from lots receives the new units, and the price, warranty and tiers given here then apply
/// to the whole listing (one price per listing).
/// </summary>
public static class StockFromLot
{
    public const int MaxSerials = 5_000;

    /// <param name="Serials">The devices chosen one by one; ignored when <paramref name="AllMatching"/>.</param>
    /// <param name="BatteryHealthPercent">Measured at refurbishment; applies to devices without their own reading.</param>
    [AllowedRoles(Roles.RefurbisherBuyer)]
    public sealed record Command(Guid LotId, IReadOnlyList<string> Serials, bool AllMatching, string? Model, CosmeticGrade? FilterGrade, CosmeticGrade Grade,
        FunctionalStatus Functional, int? BatteryHealthPercent, int WarrantyMonths, decimal Price, int? Tier1MinQuantity = null, decimal? Tier1Price = null,
        int? Tier2MinQuantity = null, decimal? Tier2Price = null) : ICommand<Result>;

    public sealed record StockedListing(Guid ListingId, string Title, int Units, bool IsNew);

    public sealed record Result(IReadOnlyList<StockedListing> Listings)
    {
        public int Units => Listings.Sum(l => l.Units);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Serials).Must(s => s.Count > 0).When(c => !c.AllMatching).WithMessage("Choose at least one device to stock.");
            RuleFor(c => c.Serials).Must(s => s.Count <= MaxSerials).WithMessage($"Stock at most {MaxSerials:N0} devices at a time.");
            RuleFor(c => c.Grade).IsInEnum();
            RuleFor(c => c.Functional).IsInEnum();
            RuleFor(c => c.BatteryHealthPercent).InclusiveBetween(0, 100).When(c => c.BatteryHealthPercent is not null)
                .WithMessage("Battery health must be a percentage between 0 and 100.");
            RuleFor(c => c.Price).GreaterThan(0).WithMessage("Enter a price greater than $0.00.").LessThan(100_000);
            RuleFor(c => c.WarrantyMonths).InclusiveBetween(0, 60).WithMessage("Warranty must be between 0 and 60 months.");
            RuleFor(c => c).Must(c => (c.Tier1MinQuantity is null) == (c.Tier1Price is null) && (c.Tier2MinQuantity is null) == (c.Tier2Price is null))
                .WithName("Tiers").WithMessage("A quantity-price tier needs both its minimum quantity and its unit price.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var sellerId = user.RequireOrganization();
            var source = await db.RequireStockSourceAsync(user, command.LotId, cancellationToken);
            var devices = command.AllMatching
                ? await db.Stockable(source.LotId, command.Model, command.FilterGrade).OrderBy(d => d.Serial).ToListAsync(cancellationToken)
                : await ChosenAsync(source, command.Serials, cancellationToken);
            if (devices.Count == 0)
            {
                throw new DomainException("No device of this lot matches the filter that is not already stocked.");
            }

            if (devices.Count > MaxSerials)
            {
                throw new DomainException($"{devices.Count:N0} devices match; stock at most {MaxSerials:N0} at a time (filter by model or grade).");
            }

            var flat = devices.Where(d => Listing.BatteryProblem(d.Category, command.Functional, d.BatteryHealthPercent ?? command.BatteryHealthPercent) is not null).ToList();
            if (flat.Count > 0)
            {
                throw new DomainException($"{flat.Count:N0} of the devices cannot be sold as working: battery health must be at least {Listing.MinimumWorkingBatteryHealth}% " +
                                          $"({string.Join(", ", flat.Take(20).Select(d => $"{d.Serial}: {BatteryWords(d.BatteryHealthPercent ?? command.BatteryHealthPercent)}"))}" +
                                          $"{(flat.Count > 20 ? ", …" : "")}). Sell them as \"minor fault\", enter the battery health measured, or leave them out.");
            }

            var aueByModel = await ReferenceAueAsync(devices, cancellationToken);
            var now = clock.Now;
            var stocked = new List<StockedListing>();
            foreach (var sku in devices.GroupBy(d => new Sku(d.Category, d.Manufacturer?.Trim() ?? "", d.Model.Trim(), d.Cpu?.Trim(), d.RamGb ?? 0, d.StorageGb ?? 0)))
            {
                var units = sku.ToList();
                var aue = sku.Key.Category == DeviceCategory.Chromebook ? aueByModel.GetValueOrDefault(units[0].Id) ?? units[0].AueDate : null;
                var battery = units.Select(d => d.BatteryHealthPercent ?? command.BatteryHealthPercent).Min();
                var listing = await db.ListingsOwnedBy(user).Where(l => l.IsSerialized && l.Category == sku.Key.Category && l.Manufacturer == sku.Key.Manufacturer
                                                                         && l.Model == sku.Key.Model && l.Cpu == sku.Key.Cpu && l.RamGb == sku.Key.RamGb
                                                                         && l.StorageGb == sku.Key.StorageGb && l.Grade == command.Grade && l.Functional == command.Functional)
                    .OrderBy(l => l.CreatedAt).FirstOrDefaultAsync(cancellationToken);
                var isNew = listing is null;
                if (listing is null)
                {
                    listing = new Listing { SellerId = sellerId, Title = "", CreatedAt = now };
                    listing.Title = new ListingDetails(null, null, sku.Key.Category, sku.Key.Manufacturer, sku.Key.Model, null, 0, 0, 0, command.Grade, command.Functional,
                        null, null, 0, 0, 0, null, null, null, null).TitleOrDefault;
                    listing.Category = sku.Key.Category;
                    listing.Manufacturer = sku.Key.Manufacturer;
                    listing.Model = sku.Key.Model;
                    listing.Cpu = sku.Key.Cpu;
                    listing.RamGb = sku.Key.RamGb;
                    listing.StorageGb = sku.Key.StorageGb;
                    listing.Grade = command.Grade;
                    listing.Functional = command.Functional;
                    listing.BatteryHealthPercent = battery;
                    db.Listings.Add(listing);
                }
                else if (battery is { } lower && (listing.BatteryHealthPercent is null || lower < listing.BatteryHealthPercent))
                {
                    // The listing promises the weakest battery among its units.
                    listing.BatteryHealthPercent = lower;
                }

                listing.AueDate = aue ?? listing.AueDate;
                listing.Price = decimal.Round(command.Price, 2);
                listing.WarrantyMonths = command.WarrantyMonths;
                listing.SetTiers(new[] { (command.Tier1MinQuantity, command.Tier1Price), (command.Tier2MinQuantity, command.Tier2Price) }
                    .Where(t => t.Item1 is not null && t.Item2 is not null).Select(t => new PriceTier(t.Item1!.Value, t.Item2!.Value)).ToList());
                listing.AddSerializedUnits(units.Count);
                db.ListingUnits.AddRange(units.Select(d => new ListingUnit
                {
                    ListingId = listing.Id,
                    DeviceId = d.Id,
                    LotId = source.LotId,
                    Serial = d.Serial,
                    Model = d.Model,
                    ModelYear = d.PurchaseDate?.Year,
                    AueDate = sku.Key.Category == DeviceCategory.Chromebook ? aueByModel.GetValueOrDefault(d.Id) ?? d.AueDate : null,
                    BatteryHealthPercent = d.BatteryHealthPercent ?? command.BatteryHealthPercent,
                    CertificateId = source.CertificateId,
                    CertificateCode = source.CertificateCode,
                    StockedAt = now,
                }));
                stocked.Add(new StockedListing(listing.Id, listing.Title, units.Count, isNew));
            }

            return new Result(stocked);
        }

        private static string BatteryWords(int? health) => health is { } b ? $"{b}%" : "no reading";

        private sealed record Sku(DeviceCategory Category, string Manufacturer, string Model, string? Cpu, int RamGb, int StorageGb);

        /// <summary>The chosen serials of the lot; any that is not the lot's, arrived missing or is already stocked is refused by name.</summary>
        private async Task<List<Device>> ChosenAsync(StockSource source, IReadOnlyList<string> serials, CancellationToken cancellationToken)
        {
            var wanted = serials.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            var devices = await db.Devices.Where(d => d.LotId == source.LotId && wanted.Contains(d.Serial)).ToListAsync(cancellationToken);
            var notInLot = wanted.Except(devices.Select(d => d.Serial), StringComparer.Ordinal).ToList();
            if (notInLot.Count > 0)
            {
                throw new DomainException($"Not serials of lot {source.LotNumber}: {string.Join(", ", notInLot.Take(20))}{(notInLot.Count > 20 ? ", …" : "")}.");
            }

            var ids = devices.Select(d => d.Id).ToList();
            var listed = await db.ListingUnits.Where(u => ids.Contains(u.DeviceId)).Select(u => u.Serial).OrderBy(s => s).ToListAsync(cancellationToken);
            if (listed.Count > 0)
            {
                throw new DomainException($"Already stocked on a listing (a device is listed once): {string.Join(", ", listed.Take(20))}{(listed.Count > 20 ? ", …" : "")}.");
            }

            var missing = await db.DevicesReportedMissing().Where(id => ids.Contains(id)).ToListAsync(cancellationToken);
            if (missing.Count > 0)
            {
                throw new DomainException($"Reported missing at receiving, so not yours to sell: {string.Join(", ", devices.Where(d => missing.Contains(d.Id)).Select(d => d.Serial))}.");
            }

            return devices;
        }

        /// <summary>Each device's AUE from the device-model reference table, which admins keep current with Google's published dates.</summary>
        private async Task<Dictionary<Guid, DateOnly?>> ReferenceAueAsync(IReadOnlyList<Device> devices, CancellationToken cancellationToken)
        {
            var names = devices.SelectMany(d => DeviceModel.CandidateNames(d.Manufacturer, d.Model)).Distinct().ToList();
            var models = await db.DeviceModels.AsNoTracking().Where(m => names.Contains(m.NormalizedName)).ToListAsync(cancellationToken);
            var byName = models.GroupBy(m => m.NormalizedName).ToDictionary(g => g.Key, g => g.First());
            return devices.ToDictionary(d => d.Id, d => DeviceModel.Find(byName, d.Manufacturer, d.Model)?.AueDate);
        }
    }
}
