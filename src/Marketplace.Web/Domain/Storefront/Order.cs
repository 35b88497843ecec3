using Marketplace.Web.Domain.Finance;

namespace Marketplace.Web.Domain.Storefront;

public enum OrderStatus { AwaitingPayment, Paid, Cancelled }

public sealed class CartItem
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid UserId { get; init; }
    public Guid ListingId { get; init; }
    public int Quantity { get; set; }
}

public sealed class Order
{
    private readonly List<OrderLine> _lines = [];

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Number { get; init; }
    public Guid BuyerId { get; init; }
    public Guid PlacedByUserId { get; init; }
    public Guid SellerId { get; init; }
    public OrderStatus Status { get; private set; } = OrderStatus.AwaitingPayment;
    public PaymentMethod PaymentMethod { get; init; }
    public string? PurchaseOrderNumber { get; init; }
    public required string ShipTo { get; init; }
    public decimal Shipping { get; init; }
    public string Currency { get; init; } = "USD";
    public DateTimeOffset PlacedAt { get; init; }
    public DateTimeOffset? PaidAt { get; private set; }
    public IReadOnlyList<OrderLine> Lines => _lines;

    public decimal Subtotal => _lines.Sum(l => l.UnitPrice * l.Quantity);
    public decimal Total => Subtotal + Shipping;

    public void AddLine(Listing listing, int quantity)
    {
        if (quantity < 1)
        {
            throw new DomainException("Quantity must be at least 1.");
        }

        if (listing.SellerId != SellerId)
        {
            throw new DomainException("An order holds items from one refurbisher.");
        }

        listing.Reserve(quantity);
        _lines.Add(new OrderLine
        {
            OrderId = Id,
            ListingId = listing.Id,
            Title = listing.Title,
            UnitPrice = listing.Price,
            Quantity = quantity,
            WarrantyMonths = listing.WarrantyMonths,
        });
    }

    public void MarkPaid(DateTimeOffset at)
    {
        if (Status != OrderStatus.AwaitingPayment)
        {
            throw new DomainException($"Order {Number} is not awaiting payment.");
        }

        Status = OrderStatus.Paid;
        PaidAt = at;
    }
}

public sealed class OrderLine
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrderId { get; init; }
    public Guid ListingId { get; init; }
    public required string Title { get; init; }
    public decimal UnitPrice { get; init; }
    public int Quantity { get; init; }
    public int WarrantyMonths { get; init; }
}
