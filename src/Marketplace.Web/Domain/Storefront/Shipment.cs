namespace Marketplace.Web.Domain.Storefront;

/// <summary>The carriers schools receive refurbished devices by; anything else is named by the seller.</summary>
public enum Carrier { Ups, FedEx, Usps, Dhl, OnTrac, Other }

/// <summary>Who said a shipment arrived: the seller (from the carrier's proof of delivery) or the school's receiving desk.</summary>
public enum DeliveryConfirmation { Seller, Buyer }

/// <summary>What goes in one box (or pallet) of a shipment: a quantity of one order line and, for serialized units, their serials.</summary>
public sealed record ShipmentItem(Guid OrderLineId, int Quantity, IReadOnlyList<string> Serials);

/// <summary>One parcel (or freight consignment) of an order, with its carrier and tracking number; an order may ship in several.</summary>
public sealed class Shipment
{
    private readonly List<ShipmentLine> _lines = [];

    public const int MinTrackingLength = 6, MaxTrackingLength = 40, MaxCarrierNameLength = 60;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrderId { get; init; }

    /// <summary>1 for the order's first shipment, 2 for the next: what the packing slip and e-mails call it.</summary>
    public int Sequence { get; init; }

    public Carrier Carrier { get; init; }

    /// <summary>The carrier's name when it is not one of the listed ones.</summary>
    public string? CarrierName { get; init; }

    public required string TrackingNumber { get; init; }
    public Guid ShippedByUserId { get; init; }
    public DateTimeOffset ShippedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public DeliveryConfirmation? DeliveryConfirmedBy { get; private set; }
    public Guid? DeliveryConfirmedByUserId { get; private set; }

    public IReadOnlyList<ShipmentLine> Lines => _lines;

    public bool IsDelivered => DeliveredAt is not null;

    public int Devices => _lines.Sum(l => l.Quantity);

    public string CarrierWords => WordsFor(Carrier, CarrierName);

    public static string WordsFor(Carrier carrier, string? otherName) => carrier switch
    {
        Carrier.Ups => "UPS",
        Carrier.FedEx => "FedEx",
        Carrier.Usps => "USPS",
        Carrier.Dhl => "DHL",
        Carrier.OnTrac => "OnTrac",
        _ => otherName ?? "Other carrier",
    };

    /// <summary>The carrier's public tracking page for the number; none for carriers the marketplace does not know.</summary>
    public Uri? TrackingUrl
    {
        get
        {
            var number = Uri.EscapeDataString(TrackingNumber);
            return Carrier switch
            {
                Carrier.Ups => new Uri($"https://www.ups.com/track?tracknum={number}"),
                Carrier.FedEx => new Uri($"https://www.fedex.com/fedextrack/?trknbr={number}"),
                Carrier.Usps => new Uri($"https://tools.usps.com/go/TrackConfirmAction?tLabels={number}"),
                Carrier.Dhl => new Uri($"https://www.dhl.com/us-en/home/tracking.html?tracking-id={number}"),
                Carrier.OnTrac => new Uri($"https://www.ontrac.com/tracking/?number={number}"),
                _ => null,
            };
        }
    }

    /// <summary>
    /// Why a tracking number cannot be right, or null: carriers print 8 (USPS domestic) to 34 (USPS IMpb) characters of letters
    /// and digits; spaces and dashes people copy from labels are allowed.
    /// </summary>
    public static string? TrackingNumberProblem(string? trackingNumber)
    {
        var number = (trackingNumber ?? "").Trim();
        return number.Length == 0 ? "Enter the tracking number."
            : number.Length is < MinTrackingLength or > MaxTrackingLength ? $"A tracking number has {MinTrackingLength} to {MaxTrackingLength} characters; \"{number}\" has {number.Length}."
            : !number.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-') ? $"A tracking number holds letters, digits, spaces and dashes only; \"{number}\" has other characters."
            : !number.Any(char.IsAsciiDigit) ? $"\"{number}\" has no digits: it is not a tracking number."
            : null;
    }

    internal void AddLine(ShipmentLine line) => _lines.Add(line);

    internal void MarkDelivered(DateTimeOffset at, DeliveryConfirmation by, Guid userId)
    {
        DeliveredAt = at;
        DeliveryConfirmedBy = by;
        DeliveryConfirmedByUserId = userId;
    }
}

public sealed class ShipmentLine
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ShipmentId { get; init; }
    public Guid OrderLineId { get; init; }
    public int Quantity { get; init; }

    /// <summary>The serials in the box, one per line; empty when the seller sold the units without recording them.</summary>
    public string Serials { get; init; } = "";

    public IReadOnlyList<string> SerialList => SplitSerials(Serials);

    /// <summary>Serials typed one per line (commas and semicolons also separate), trimmed, blanks dropped.</summary>
    public static IReadOnlyList<string> SplitSerials(string? text) =>
        (text ?? "").Split(['\n', '\r', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
