using Marketplace.Tests.Domain.Organizations;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Sales;

namespace Marketplace.Tests.Domain.Lots;

/// <summary>A lot and the aggregates of its lifecycle, each changed only through its own methods.</summary>
internal sealed class SampleLot
{
    public required Lot Lot { get; init; }
    public required IReadOnlyList<Device> Devices { get; init; }
    public Sale? Sale { get; set; }
    public LotSettlement? Settlement { get; set; }
    public LotFulfillment? Fulfillment { get; set; }
    public List<SanitizationRecord> Records { get; } = [];
    public Payout? Payout { get; set; }

    public Guid Id => Lot.Id;

    public LotProgress Progress => new(Lot.Status, Sale?.Status, Settlement?.Status, Fulfillment?.PickupDate, Fulfillment?.PickedUpAt,
        Fulfillment?.ReceivedAt, Fulfillment?.CertifiedAt);
}

/// <summary>Lots walked to a given stage through their own methods, for tests that start mid-lifecycle.</summary>
internal static class SampleLots
{
    public static readonly string[] Serials = ["5CD0417ABC", "5CD0417ABD", "5CD0417ABE"];

    public static OrganizationRights CertifiedRefurbisher(DateTimeOffset now) => SampleOrganizations.CertifiedRefurbisher(now);

    public static SampleLot Draft(Guid districtId, DateTimeOffset at, DeviceCategory category = DeviceCategory.Chromebook)
    {
        var lot = new Lot { Number = ReferenceNumber.New("LOT"), DistrictId = districtId, Title = "2019 Chromebook refresh – Building A", CreatedAt = at };
        var devices = Serials.Select(serial => lot.NewDevice(serial, $"MV-{serial[^3..]}", category, "Dell", "Chromebook 3100", CosmeticGrade.B, FunctionalStatus.Working)).ToList();
        return new SampleLot { Lot = lot, Devices = devices };
    }

    /// <summary>A lot listed in the given mode and terms.</summary>
    public static SampleLot ListedAs(Guid districtId, DateTimeOffset at, SaleTerms terms, DeviceCategory category = DeviceCategory.Chromebook)
    {
        var sample = Draft(districtId, at, category);
        sample.Sale = sample.Lot.Submit(new SubmissionCheck(sample.Devices.Count, sample.Devices.Any(d => d.IsDataBearing), 0, []), terms, at);
        return sample;
    }

    public static SampleLot Listed(Guid districtId, DateTimeOffset at, DeviceCategory category = DeviceCategory.Chromebook)
    {
        var sample = Draft(districtId, at, category);
        sample.Sale = sample.Lot.Submit(new SubmissionCheck(sample.Devices.Count, sample.Devices.Any(d => d.IsDataBearing), 0, []), at);
        return sample;
    }

    public static SampleLot Awarded(Guid districtId, OrganizationRights buyer, decimal hammer, DateTimeOffset at, FeeSchedule? fees = null)
    {
        var sample = Listed(districtId, at);
        var quote = sample.Sale!.SubmitQuote(buyer, hammer, null, at);
        sample.Sale.Accept(quote.Id, fees ?? new FeeSchedule(), at);
        sample.Settlement = LotSettlement.ForAward(sample.Sale);
        return sample;
    }

    public static SampleLot Paid(Guid districtId, OrganizationRights buyer, decimal hammer, DateTimeOffset at)
    {
        var sample = Awarded(districtId, buyer, hammer, at);
        sample.Settlement!.Fund(at);
        sample.Fulfillment = LotFulfillment.Start(sample.Id, districtId, buyer.OrganizationId, sample.Devices.Count, at);
        return sample;
    }

    public static SampleLot InTransit(Guid districtId, OrganizationRights buyer, decimal hammer, DateTimeOffset at)
    {
        var sample = Paid(districtId, buyer, hammer, at);
        sample.Fulfillment!.ConfirmPickupOn(DateOnly.FromDateTime(at.UtcDateTime), at);
        sample.Fulfillment!.RecordHandOver(new HandOverDetails("Dana Whitfield", "Sam Ortiz", "S-1001", 2), 0, Guid.NewGuid(), at);
        return sample;
    }

    public static SampleLot Received(Guid districtId, OrganizationRights buyer, decimal hammer, DateTimeOffset at)
    {
        var sample = InTransit(districtId, buyer, hammer, at);
        sample.Fulfillment!.MarkReceived(sample.Fulfillment.DeviceCount, at);
        return sample;
    }

    public static SampleLot Certified(Guid districtId, OrganizationRights buyer, decimal hammer, DateTimeOffset at)
    {
        var sample = Received(districtId, buyer, hammer, at);
        sample.Records.AddRange(Fulfillment.Media.SanitizeAll(sample.Fulfillment!, sample.Devices, at));
        sample.Fulfillment!.Certify(at);
        return sample;
    }
}

internal static class SamplePickups
{
    /// <summary>The buyer proposes 8–10 am on <paramref name="day"/> and the district confirms it: the pickup is scheduled.</summary>
    public static PickupWindowProposal ConfirmPickupOn(this LotFulfillment fulfillment, DateOnly day, DateTimeOffset at)
    {
        var window = fulfillment.ProposeWindows([new ProposedWindow(day, new TimeOnly(8, 0), new TimeOnly(10, 0))], Guid.NewGuid(), "Sam Ortiz", at)[0];
        return fulfillment.ConfirmWindow(window.Id, new PickupArrangements("Loading dock B", "Dana Whitfield, 555-0100", 2, null), at);
    }
}
