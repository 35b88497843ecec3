using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;

namespace Marketplace.Tests.Domain.Fulfillment;

/// <summary>Media reports and people of record as a refurbisher's bench would fill them in.</summary>
public static class Media
{
    public static readonly Guid PerformerUser = Guid.Parse("0195f0a0-0000-7000-8000-000000000001");
    public static readonly Guid ValidatorUser = Guid.Parse("0195f0a0-0000-7000-8000-000000000002");
    public static readonly PersonOfRecord Performer = new("Priya Natarajan", "Sanitization technician", "GreenCycle ITAD, Tacoma bench 3", "priya@greencycle.example");
    public static readonly PersonOfRecord Validator = new("Ken Okafor", "Lead technician", "GreenCycle ITAD, Tacoma", "ken@greencycle.example");

    public static MediumReport Emmc(string deviceSerial, PersonOfRecord? performer = null, VerificationResult result = VerificationResult.Passed, string? mediumSerial = null) => new(
        mediumSerial ?? $"EMMC-{deviceSerial}", "Samsung", "KLMBG2JETD-B041", MediaType.Emmc, "internal", null, SanitizationMethod.Purge,
        SanitizationTechnique.BlockErase, "IEEE 2883-2022", "Blancco Drive Eraser", "7.14", "full read-back", result,
        MediaDestination.ExternalReuse, DataBackedUp.No, null, performer ?? Performer);

    public static MediumReport NoMedium(PersonOfRecord? performer = null) => new(
        "", "", "", MediaType.None, "none found", null, null, SanitizationTechnique.Inspection, null, "Visual inspection of the chassis", "",
        "Opened the case: no drive, no eMMC", VerificationResult.Passed, MediaDestination.ExternalReuse, DataBackedUp.Unknown, null, performer ?? Performer);

    /// <summary>Records one medium per device, has a second person accept each, draws the sample and passes it: what the certificate needs.</summary>
    public static List<SanitizationRecord> SanitizeAll(LotFulfillment fulfillment, IEnumerable<Device> devices, DateTimeOffset at)
    {
        var records = devices.Select(d => fulfillment.RecordSanitization(d, null, false, Emmc(d.Serial), PerformerUser, at)).ToList();
        foreach (var record in records)
        {
            if (record.Validate(ValidationDecision.Accept, Validator, ValidatorUser, null, at))
            {
                fulfillment.CountAccepted();
            }
        }

        var sample = QualityCheck.Draw(fulfillment.LotId, records.Select(r => r.Id).ToList(), QualityCheck.SampleSize(records.Count, 0.05m, 1), new Random(7).Next, at);
        fulfillment.CountSampleDrawn(sample.Count);
        foreach (var check in sample)
        {
            check.Record(true, Validator, ValidatorUser, records.Single(r => r.Id == check.RecordId), null, at);
            fulfillment.CountCheckPassed();
        }

        return records;
    }
}
