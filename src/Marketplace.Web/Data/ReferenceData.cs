using System.Globalization;
using Marketplace.Web.Domain.Lots;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Data;

/// <summary>Loads db/reference/device-models.csv (embedded) into an empty device-model table.</summary>
public sealed class ReferenceData(MarketplaceDb db, ILogger<ReferenceData> logger)
{
    public async Task SeedDeviceModelsAsync(CancellationToken cancellationToken)
    {
        if (await db.DeviceModels.AnyAsync(cancellationToken))
        {
            return;
        }

        var models = ReadDeviceModels().ToList();
        db.DeviceModels.AddRange(models);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Loaded {Count} device models into the reference table", models.Count);
    }

    public static IEnumerable<DeviceModel> ReadDeviceModels()
    {
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream("Reference.device-models.csv")
            ?? throw new InvalidOperationException("Embedded resource Reference.device-models.csv is missing.");
        using var reader = new StreamReader(stream);
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (header)
            {
                header = false;
                continue;
            }

            var cells = line.Split(',');
            var model = new DeviceModel
            {
                Name = cells[0],
                Manufacturer = cells[1],
                Category = Enum.Parse<DeviceCategory>(cells[2]),
                AueDate = cells[3].Length == 0 ? null : DateOnly.ParseExact(cells[3] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
                BasePrice = cells[4].Length == 0 ? null : decimal.Parse(cells[4], CultureInfo.InvariantCulture),
            };
            model.Normalize();
            yield return model;
        }
    }
}
