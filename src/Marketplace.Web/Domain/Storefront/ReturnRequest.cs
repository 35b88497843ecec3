namespace Marketplace.Web.Domain.Storefront;

/// <summary>A return within the 30-day window (any reason), or a warranty claim on a unit that fails within its warranty.</summary>
public enum ReturnKind { Return, WarrantyClaim }

public enum ReturnReason { DoesNotWork, DamagedInTransit, NotAsDescribed, WrongItem, MissingParts, NoLongerNeeded, Other }

public enum ReturnStatus { Requested, Approved, Declined, Resolved }

/// <summary>How an approved return ends: money back, the same device again, or (warranty only) the unit repaired.</summary>
public enum ReturnOutcome { Refund, Replacement, Repair }

/// <summary>
/// A school's return request (RMA) or warranty claim on units of one order line. The seller answers within 3 business
/// days; after that the platform's admin decides in its place.
/// </summary>
public sealed class ReturnRequest : IVersioned
{
    public const int SellerAnswerBusinessDays = 3, MaxDetailsLength = 2000, MaxAnswerLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Number { get; init; }
    public ReturnKind Kind { get; init; }
    public Guid OrderId { get; init; }
    public Guid OrderLineId { get; init; }
    public Guid ListingId { get; init; }
    public Guid BuyerId { get; init; }
    public Guid SellerId { get; init; }
    public Guid RequestedByUserId { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public int Quantity { get; init; }

    /// <summary>The units' serials, one per line; empty for SKU stock shipped without serials.</summary>
    public string Serials { get; init; } = "";

    public ReturnReason Reason { get; init; }
    public string? Details { get; init; }

    /// <summary>The unit price paid: with <see cref="SalesTaxOnUnits"/>, what a refund of these units is bounded by.</summary>
    public decimal UnitPrice { get; init; }

    /// <summary>
    /// The sales tax the order charged on these units (their price × the order's rate, never more than the order's tax); 0 for
    /// an exempt order. A school returning units gets their tax back with their price, not a proportion of it.
    /// </summary>
    public decimal SalesTaxOnUnits { get; init; }

    /// <summary>When the seller's 3 business days (BusinessCalendar) run out and the platform's admin decides instead.</summary>
    public DateTimeOffset SellerAnswerDue { get; init; }

    public ReturnStatus Status { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public Guid? DecidedByUserId { get; private set; }

    /// <summary>True when the platform's admin decided because the seller did not answer in time.</summary>
    public bool DecidedByPlatform { get; private set; }

    /// <summary>The return instructions with the approval (where to send the units, how to mark the box).</summary>
    public string? Instructions { get; private set; }

    public string? DeclineReason { get; private set; }
    public ReturnOutcome? Outcome { get; private set; }
    public decimal? RefundAmount { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public int Version { get; set; }

    public IReadOnlyList<string> SerialList => ShipmentLine.SplitSerials(Serials);

    public decimal MaxRefund => UnitPrice * Quantity + SalesTaxOnUnits;

    public bool AwaitsSeller => Status == ReturnStatus.Requested;

    public bool IsOverdue(DateTimeOffset now) => Status == ReturnStatus.Requested && now >= SellerAnswerDue;

    public string KindWords => Kind == ReturnKind.Return ? "Return" : "Warranty claim";

    /// <summary>
    /// Opens a return or a warranty claim on delivered units of a line. A return is accepted up to day 30 after the units'
    /// delivery (the listing's <see cref="Listing.ReturnWindowDays"/>); a warranty claim, per serial, up to the line's warranty
    /// months after it. <paramref name="earlier"/> are the line's other requests, so a unit is never claimed twice at once.
    /// </summary>
    public static ReturnRequest Open(Order order, OrderLine line, ReturnKind kind, int quantity, IReadOnlyList<string> serials, ReturnReason reason, string? details,
        IEnumerable<ReturnRequest> earlier, Guid userId, DateTimeOffset now)
    {
        var named = serials.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var shipped = order.SerialsShipped(line.Id);
        if (named.FirstOrDefault(s => !shipped.Contains(s, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            throw new DomainException($"Serial {unknown} was not shipped on {line.Title} in order {order.Number}.");
        }

        if (kind == ReturnKind.WarrantyClaim && shipped.Count > 0 && named.Count == 0)
        {
            throw new DomainException($"A warranty claim is per unit: choose the serial of each failed {line.Title}.");
        }

        quantity = named.Count > 0 ? named.Count : quantity;
        if (quantity < 1)
        {
            throw new DomainException("Choose at least one unit.");
        }

        var delivered = order.DeliveredAtOf(line.Id, named)
                        ?? throw new DomainException($"{line.Title} has not been delivered yet: returns and warranty claims open on delivery.");
        var deliveredOn = DateOnly.FromDateTime(delivered.UtcDateTime);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (kind == ReturnKind.Return && today > deliveredOn.AddDays(Listing.ReturnWindowDays))
        {
            throw new DomainException($"The {Listing.ReturnWindowDays}-day return window for {line.Title} closed on {deliveredOn.AddDays(Listing.ReturnWindowDays):MMMM d, yyyy}" +
                (line.WarrantyMonths > 0 ? "; a unit that fails is covered by a warranty claim instead." : "."));
        }

        if (kind == ReturnKind.WarrantyClaim && line.WarrantyMonths == 0)
        {
            throw new DomainException($"{line.Title} was sold without a warranty.");
        }

        if (kind == ReturnKind.WarrantyClaim && today > deliveredOn.AddMonths(line.WarrantyMonths))
        {
            throw new DomainException($"The {line.WarrantyMonths}-month warranty of {line.Title} ended on {deliveredOn.AddMonths(line.WarrantyMonths):MMMM d, yyyy}: " +
                "this unit is out of warranty.");
        }

        var open = earlier.Where(r => r.Status != ReturnStatus.Declined && !(r.Status == ReturnStatus.Resolved && r.Outcome == ReturnOutcome.Repair)).ToList();
        var claimedSerials = open.SelectMany(r => r.SerialList).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (named.FirstOrDefault(claimedSerials.Contains) is { } again)
        {
            throw new DomainException($"Serial {again} already has a return or warranty claim.");
        }

        var left = order.QuantityDelivered(line.Id) - open.Where(r => r.Outcome != ReturnOutcome.Repair).Sum(r => r.Quantity);
        if (quantity > left)
        {
            throw new DomainException($"{line.Title}: {quantity} cannot be returned, only {Math.Max(left, 0)} delivered {(left == 1 ? "unit is" : "units are")} not already returned or claimed.");
        }

        if (reason == ReturnReason.Other && string.IsNullOrWhiteSpace(details))
        {
            throw new DomainException("Say what is wrong: the reason \"Other\" needs a description.");
        }

        return new ReturnRequest
        {
            Number = ReferenceNumber.New("RMA"),
            Kind = kind,
            OrderId = order.Id,
            OrderLineId = line.Id,
            ListingId = line.ListingId,
            BuyerId = order.BuyerId,
            SellerId = order.SellerId,
            RequestedByUserId = userId,
            RequestedAt = now,
            Quantity = quantity,
            Serials = string.Join('\n', named),
            Reason = reason,
            Details = string.IsNullOrWhiteSpace(details) ? null : details.Trim(),
            UnitPrice = line.UnitPrice,
            SalesTaxOnUnits = order.SalesTaxRate is { } rate ? Math.Min(order.SalesTax, Finance.SalesTaxRate.Round(line.UnitPrice * quantity * rate)) : 0m,
            SellerAnswerDue = BusinessCalendar.AddBusinessDays(now, SellerAnswerBusinessDays),
        };
    }

    /// <summary>The seller (or, once the seller's time is up, the platform's admin) accepts the return and says how to send the units back.</summary>
    public void Approve(string instructions, Guid byUserId, bool byPlatform, DateTimeOffset now)
    {
        RequireAnswerable(byPlatform, now);
        if (string.IsNullOrWhiteSpace(instructions))
        {
            throw new DomainException("Give the return instructions: where to send the units and how to mark the box.");
        }

        Status = ReturnStatus.Approved;
        Instructions = instructions.Trim();
        Decided(byUserId, byPlatform, now);
    }

    public void Decline(string reason, Guid byUserId, bool byPlatform, DateTimeOffset now)
    {
        RequireAnswerable(byPlatform, now);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Say why the request is declined.");
        }

        Status = ReturnStatus.Declined;
        DeclineReason = reason.Trim();
        Decided(byUserId, byPlatform, now);
    }

    /// <summary>Money back for the units: full or partial, never more than was paid for them.</summary>
    public void ResolveWithRefund(decimal amount, DateTimeOffset now)
    {
        RequireApproved();
        if (amount <= 0 || amount > MaxRefund || decimal.Round(amount, 2) != amount)
        {
            throw new DomainException($"A refund for {Number} is between $0.01 and {MaxRefund:C}, what was paid for {(Quantity == 1 ? "the unit" : $"the {Quantity} units")}" +
                                      (SalesTaxOnUnits > 0 ? $" with {(Quantity == 1 ? "its" : "their")} sales tax ({SalesTaxOnUnits:C})." : "."));
        }

        Resolve(ReturnOutcome.Refund, now);
        RefundAmount = amount;
    }

    /// <summary>The same device again: the caller takes the stock from the listing (<see cref="Listing.Reserve"/>).</summary>
    public void ResolveWithReplacement(DateTimeOffset now)
    {
        RequireApproved();
        Resolve(ReturnOutcome.Replacement, now);
    }

    public void ResolveWithRepair(DateTimeOffset now)
    {
        RequireApproved();
        if (Kind != ReturnKind.WarrantyClaim)
        {
            throw new DomainException($"{Number} is a return: it ends in a refund or a replacement, not a repair.");
        }

        Resolve(ReturnOutcome.Repair, now);
    }

    private void Resolve(ReturnOutcome outcome, DateTimeOffset now)
    {
        Status = ReturnStatus.Resolved;
        Outcome = outcome;
        ResolvedAt = now;
    }

    private void RequireApproved()
    {
        if (Status != ReturnStatus.Approved)
        {
            throw new DomainException(Status == ReturnStatus.Resolved ? $"{Number} is already resolved." : $"{Number} is not approved, so it cannot be resolved.");
        }
    }

    private void RequireAnswerable(bool byPlatform, DateTimeOffset now)
    {
        if (Status != ReturnStatus.Requested)
        {
            throw new DomainException($"{Number} was already {(Status == ReturnStatus.Declined ? "declined" : "approved")}{(DecidedByPlatform ? " by the marketplace" : "")}.");
        }

        if (byPlatform && !IsOverdue(now))
        {
            throw new DomainException($"The seller has until {SellerAnswerDue:MMMM d, yyyy h:mm tt} UTC to answer {Number}; the marketplace decides only after that.");
        }
    }

    private void Decided(Guid byUserId, bool byPlatform, DateTimeOffset now)
    {
        DecidedAt = now;
        DecidedByUserId = byUserId;
        DecidedByPlatform = byPlatform;
    }
}
