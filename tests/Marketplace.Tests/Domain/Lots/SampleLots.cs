using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;

namespace Marketplace.Tests.Domain.Lots;

/// <summary>Lots walked to a given status through their own methods, for tests that start mid-lifecycle.</summary>
internal static class SampleLots
{
    public static readonly string[] Serials = ["5CD0417ABC", "5CD0417ABD", "5CD0417ABE"];

    public static Organization CertifiedRefurbisher(DateTimeOffset now) => new()
    {
        Name = "GreenCycle ITAD",
        Kind = OrganizationKind.Refurbisher,
        IsVerified = true,
        Certification = CertificationStandard.R2v3,
        CertificationNumber = "R2V3-2025-0417",
        CertificationExpires = DateOnly.FromDateTime(now.UtcDateTime).AddYears(1),
    };

    public static Lot Draft(Guid districtId, DateTimeOffset at, DeviceCategory category = DeviceCategory.Chromebook)
    {
        var lot = new Lot { Number = ReferenceNumber.New("LOT"), DistrictId = districtId, Title = "2019 Chromebook refresh – Building A", CreatedAt = at };
        foreach (var serial in Serials)
        {
            lot.AddDevice(serial, $"MV-{serial[^3..]}", category, "Dell", "Chromebook 3100", CosmeticGrade.B, FunctionalStatus.Working);
        }

        return lot;
    }

    public static Lot Listed(Guid districtId, DateTimeOffset at)
    {
        var lot = Draft(districtId, at);
        lot.Submit(at);
        return lot;
    }

    public static Lot Awarded(Guid districtId, Organization buyer, decimal hammer, DateTimeOffset at)
    {
        var lot = Listed(districtId, at);
        var quote = lot.SubmitQuote(buyer, hammer, null, at);
        lot.AcceptQuote(quote.Id, at);
        return lot;
    }

    public static Lot InTransit(Guid districtId, Organization buyer, decimal hammer, DateTimeOffset at)
    {
        var lot = Awarded(districtId, buyer, hammer, at);
        lot.MarkPaid(at);
        var today = DateOnly.FromDateTime(at.UtcDateTime);
        lot.SchedulePickup(today, "8:00–10:00 am", "Dana Whitfield, 555-0100", today);
        lot.MarkPickedUp(at);
        return lot;
    }

    public static Lot Received(Guid districtId, Organization buyer, decimal hammer, DateTimeOffset at)
    {
        var lot = InTransit(districtId, buyer, hammer, at);
        lot.MarkReceived(at);
        return lot;
    }

    public static Lot Certified(Guid districtId, Organization buyer, decimal hammer, DateTimeOffset at)
    {
        var lot = Received(districtId, buyer, hammer, at);
        foreach (var device in lot.Devices)
        {
            lot.RecordSanitization(device.Id, SanitizationMethod.Purge, "Blancco Drive Eraser 7", "Priya Natarajan", at);
        }

        lot.Certify(at);
        return lot;
    }
}
