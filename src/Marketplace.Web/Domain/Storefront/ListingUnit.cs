using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Domain.Storefront;

/// <summary>Where a serialized unit of a listing stands: on the shelf (for sale, or held by an order not yet shipped) or shipped to a buyer.</summary>
public enum ListingUnitStatus { Available, Sold }

/// <summary>
/// One device of a bought lot, stocked on a listing: it keeps the device's history (its lot, model year, update runway and the
/// certificate of data destruction that covers it) so the buyer sees the whole chain. A device is stocked once (unique device).
/// </summary>
public sealed class ListingUnit
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ListingId { get; init; }
    public Guid DeviceId { get; init; }
    public Guid LotId { get; init; }
    public required string Serial { get; init; }
    public required string Model { get; init; }

    /// <summary>The year the district bought the device new (its manifest's purchase date); null when the manifest did not say.</summary>
    public int? ModelYear { get; init; }

    /// <summary>Google's Auto Update Expiration from the device-model reference table (else the manifest); null for devices without one.</summary>
    public DateOnly? AueDate { get; init; }

    public int? BatteryHealthPercent { get; init; }

    /// <summary>The certificate of data destruction of the device's lot; its code opens the public verification page.</summary>
    public Guid CertificateId { get; init; }
    public required string CertificateCode { get; init; }
    public DateTimeOffset StockedAt { get; init; }
    public ListingUnitStatus Status { get; private set; }
    public Guid? SoldOrderId { get; private set; }
    public DateTimeOffset? SoldAt { get; private set; }

    public double? YearsOfUpdatesLeft(DateOnly today) => AueYears.Left(AueDate, today);

    internal void Sell(Guid orderId, DateTimeOffset at)
    {
        Status = ListingUnitStatus.Sold;
        SoldOrderId = orderId;
        SoldAt = at;
    }
}
