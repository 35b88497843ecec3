namespace Marketplace.Web.Domain.Lots;

public enum LotStatus
{
    Draft,
    Listed,
    Awarded,
    Paid,
    PickupScheduled,
    InTransit,
    Received,
    Certified,
    Settled,
    Withdrawn,
}

public enum SaleMode { RequestForQuotes }

/// <summary>
/// A district's lot of surplus devices and its way through sale, pickup, data destruction and payout.
/// Every state change goes through a method here so the lifecycle is enforced in one place.
/// </summary>
public sealed class Lot : IVersioned
{
    public const int DefaultQuoteValidityDays = 30;

    /// <summary>2 CFR 200.313(e): federally funded equipment worth this much or more owes the awarding agency its share.</summary>
    public const decimal FederalShareThreshold = 5000m;

    private readonly List<Device> _devices = [];
    private readonly List<Quote> _quotes = [];

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Number { get; init; }
    public Guid DistrictId { get; init; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public string? PickupAddress { get; set; }

    /// <summary>The school board's approval of the disposal (minute or resolution number).</summary>
    public string? BoardApprovalReference { get; set; }
    public SaleMode SaleMode { get; init; } = SaleMode.RequestForQuotes;
    public string Currency { get; init; } = "USD";
    public LotStatus Status { get; private set; } = LotStatus.Draft;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ListedAt { get; private set; }

    public Guid? BuyerId { get; private set; }
    public Guid? AwardedQuoteId { get; private set; }
    public decimal? HammerPrice { get; private set; }
    public DateTimeOffset? AwardedAt { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }

    public DateOnly? PickupDate { get; private set; }
    public string? PickupWindow { get; private set; }
    public string? PickupContact { get; private set; }
    public DateTimeOffset? PickedUpAt { get; private set; }
    public DateTimeOffset? ReceivedAt { get; private set; }
    public DateTimeOffset? CertifiedAt { get; private set; }
    public DateTimeOffset? SettledAt { get; private set; }

    public int Version { get; set; }

    public IReadOnlyList<Device> Devices => _devices;
    public IReadOnlyList<Quote> Quotes => _quotes;

    public bool HoldsDataBearingDevices => _devices.Any(d => d.IsDataBearing);

    public Device AddDevice(string serial, string? assetTag, DeviceCategory category, string? manufacturer, string model,
        CosmeticGrade grade, FunctionalStatus functional)
    {
        Require(Status == LotStatus.Draft, "Devices can only be added while the lot is a draft.");
        serial = serial.Trim();
        Require(serial.Length > 0, "A device needs a serial number.");
        Require(!_devices.Any(d => string.Equals(d.Serial, serial, StringComparison.OrdinalIgnoreCase)),
            $"Serial {serial} is already in this lot.");
        var device = new Device
        {
            LotId = Id,
            Serial = serial,
            AssetTag = string.IsNullOrWhiteSpace(assetTag) ? null : assetTag.Trim(),
            Category = category,
            Manufacturer = string.IsNullOrWhiteSpace(manufacturer) ? null : manufacturer.Trim(),
            Model = model.Trim(),
            Grade = grade,
            Functional = functional,
        };
        _devices.Add(device);
        return device;
    }

    /// <summary>Bulk changes (imports, bulk edits) are only for drafts: a listed lot's manifest is what buyers quoted on.</summary>
    public void EnsureDraft(string action) => Require(Status == LotStatus.Draft, $"{action} is only possible while the lot is a draft; this lot is {Status}.");

    public void RemoveDevice(Guid deviceId)
    {
        Require(Status == LotStatus.Draft, "Devices can only be removed while the lot is a draft.");
        var device = _devices.SingleOrDefault(d => d.Id == deviceId) ?? throw new NotFoundException("Device");
        _devices.Remove(device);
    }

    public void Submit(DateTimeOffset now)
    {
        Require(Status == LotStatus.Draft, $"Only a draft lot can be submitted; this lot is {Status}.");
        Require(_devices.Count > 0, "Add at least one device before submitting the lot.");
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var restricted = _devices.Where(d => d.IsERateRestricted(today)).Select(d => d.Serial).Order(StringComparer.Ordinal).ToList();
        Require(restricted.Count == 0,
            $"E-rate-funded devices cannot be sold until five years after purchase (or with no purchase date on record). Remove or correct: {Serials(restricted)}.");
        Status = LotStatus.Listed;
        ListedAt = now;
    }

    public void Withdraw()
    {
        Require(Status is LotStatus.Draft or LotStatus.Listed, "A lot can only be withdrawn before it is awarded.");
        Status = LotStatus.Withdrawn;
        foreach (var quote in _quotes.Where(q => q.Status == QuoteStatus.Active))
        {
            quote.Status = QuoteStatus.Declined;
        }
    }

    /// <summary>Submits or replaces the refurbisher's quote: one active quote per buyer.</summary>
    public Quote SubmitQuote(Organization refurbisher, decimal amount, string? note, DateTimeOffset now)
    {
        Require(Status == LotStatus.Listed, "Quotes are only accepted while the lot is listed.");
        Require(refurbisher.Kind == OrganizationKind.Refurbisher, "Only refurbishers can quote on lots.");
        Require(!HoldsDataBearingDevices || refurbisher.MayBuyDataBearingDevices(DateOnly.FromDateTime(now.UtcDateTime)),
            "This lot holds data-bearing devices: only verified refurbishers with a current R2v3, e-Stewards or NAID AAA certification may quote.");
        Require(amount > 0, "A quote must be more than $0.00.");

        var quote = _quotes.SingleOrDefault(q => q.RefurbisherId == refurbisher.Id && q.Status == QuoteStatus.Active);
        if (quote is null)
        {
            quote = new Quote { LotId = Id, RefurbisherId = refurbisher.Id };
            _quotes.Add(quote);
        }

        quote.Amount = decimal.Round(amount, 2);
        quote.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        quote.SubmittedAt = now;
        quote.ValidUntil = now.AddDays(DefaultQuoteValidityDays);
        quote.Status = QuoteStatus.Active;
        return quote;
    }

    public Quote AcceptQuote(Guid quoteId, DateTimeOffset now)
    {
        Require(Status == LotStatus.Listed, "Only a listed lot can be awarded.");
        var quote = _quotes.SingleOrDefault(q => q.Id == quoteId) ?? throw new NotFoundException("Quote");
        Require(quote.IsOpen(now), "This quote has expired or was withdrawn.");
        quote.Status = QuoteStatus.Accepted;
        foreach (var other in _quotes.Where(q => q.Id != quoteId && q.Status == QuoteStatus.Active))
        {
            other.Status = QuoteStatus.Declined;
        }

        Status = LotStatus.Awarded;
        BuyerId = quote.RefurbisherId;
        AwardedQuoteId = quote.Id;
        HammerPrice = quote.Amount;
        AwardedAt = now;
        return quote;
    }

    public void MarkPaid(DateTimeOffset now)
    {
        Require(Status == LotStatus.Awarded, $"Only an awarded lot can be paid; this lot is {Status}.");
        Status = LotStatus.Paid;
        PaidAt = now;
    }

    public void SchedulePickup(DateOnly date, string window, string contact, DateOnly today)
    {
        Require(Status is LotStatus.Paid or LotStatus.PickupScheduled, "A pickup can be scheduled once the buyer has paid.");
        Require(date >= today, "The pickup date cannot be in the past.");
        PickupDate = date;
        PickupWindow = window.Trim();
        PickupContact = contact.Trim();
        Status = LotStatus.PickupScheduled;
    }

    public void MarkPickedUp(DateTimeOffset now)
    {
        Require(Status == LotStatus.PickupScheduled, "Only a lot with a scheduled pickup can be picked up.");
        Status = LotStatus.InTransit;
        PickedUpAt = now;
    }

    public void MarkReceived(DateTimeOffset now)
    {
        Require(Status == LotStatus.InTransit, "Only a lot in transit can be received.");
        Status = LotStatus.Received;
        ReceivedAt = now;
    }

    /// <returns>True when this was the last serial still waiting for sanitization.</returns>
    public bool RecordSanitization(Guid deviceId, SanitizationMethod method, string tool, string technician, DateTimeOffset now)
    {
        Require(Status == LotStatus.Received, "Sanitization is recorded after the lot is received.");
        var device = _devices.SingleOrDefault(d => d.Id == deviceId) ?? throw new NotFoundException("Device");
        Require(!device.IsSanitized, $"Serial {device.Serial} already has a sanitization record.");
        Require(!string.IsNullOrWhiteSpace(tool), "Name the tool or process used.");
        Require(!string.IsNullOrWhiteSpace(technician), "Name the technician who verified the sanitization.");
        device.RecordSanitization(method, tool.Trim(), technician.Trim(), now);
        return _devices.All(d => d.IsSanitized);
    }

    public void Certify(DateTimeOffset now)
    {
        Require(Status == LotStatus.Received, "Only a received lot can be certified.");
        Require(_devices.All(d => d.IsSanitized), "Every serial needs a sanitization record before the certificate is issued.");
        Status = LotStatus.Certified;
        CertifiedAt = now;
    }

    /// <summary>Escrow: district funds are released only after receipt and proof of data destruction.</summary>
    public void Settle(DateTimeOffset now)
    {
        Require(Status == LotStatus.Certified, "A lot is paid out only once it is received and certified.");
        Status = LotStatus.Settled;
        SettledAt = now;
    }

    public void RemoveDevices(IReadOnlyCollection<Guid> deviceIds)
    {
        Require(Status == LotStatus.Draft, "Devices can only be removed while the lot is a draft.");
        _devices.RemoveAll(d => deviceIds.Contains(d.Id));
    }

    private static string Serials(IReadOnlyList<string> serials) =>
        serials.Count <= 20 ? string.Join(", ", serials) : $"{string.Join(", ", serials.Take(20))} and {serials.Count - 20} more";

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new DomainException(message);
        }
    }
}
