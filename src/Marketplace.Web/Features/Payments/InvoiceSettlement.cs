using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Payments;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Payments;

/// <summary>
/// What happens when an invoice is paid, however the money came: the ledger; for a lot, the escrow holds
/// the money and the fulfillment opens for pickup; for an order, the seller ships; notices.
/// </summary>
public sealed class InvoiceSettlement(MarketplaceDb db, IClock clock, Outbox outbox)
{
    public async Task SettleAsync(Invoice invoice, PaymentMethod method, string reference, CancellationToken cancellationToken, BankReceipt? receipt = null)
    {
        var now = clock.Now;
        if (receipt is { } bank)
        {
            invoice.RecordReceipt(method, bank.Amount, bank.ReceivedOn, reference, now);
        }
        else
        {
            invoice.MarkPaid(method, reference, now);
        }

        if (invoice.LotId is { } lotId)
        {
            var lot = await db.Lots.AsNoTracking().SingleAsync(l => l.Id == lotId, cancellationToken);
            db.LedgerTransactions.Add(LedgerPostings.Payment(invoice, now, lot.DistrictId));
            var settlement = await db.LotSettlements.SingleAsync(s => s.LotId == lotId, cancellationToken);
            settlement.Fund(now);
            db.LotFulfillments.Add(LotFulfillment.Start(lot.Id, lot.DistrictId, settlement.BuyerId, lot.Manifest.Devices, now));
            outbox.Email(lot.DistrictId, $"Lot {lot.Number} is paid: schedule the pickup",
                $"The buyer paid for lot {lot.Number} ({lot.Title}). The funds are held until the devices are received and certified as sanitized. Schedule the pickup from the lot page.", Roles.DistrictInventory);
        }

        else
        {
            db.LedgerTransactions.Add(LedgerPostings.Payment(invoice, now));
        }

        if (invoice.OrderId is { } orderId)
        {
            // The lines make the total: without them an order would read as its shipping alone.
            var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == orderId, cancellationToken);
            order.MarkPaid(now);
            var items = string.Join("\n", order.Lines.Select(l => $"  {l.Quantity} × {l.Title} at {l.UnitPrice:C} = {l.UnitPrice * l.Quantity:C} ({l.WarrantyMonths}-month warranty)"));
            outbox.Email(order.SellerId, $"Order {order.Number} is paid: ship it",
                $"Order {order.Number} is paid: {order.Total:C} ({order.Subtotal:C} of devices + {order.Shipping:C} shipping{(order.SalesTax > 0 ? $" + {order.SalesTax:C} sales tax, which the platform collects and remits" : "")})." +
                (order.PurchaseOrderNumber is { } po ? $" Purchase order {po}." : "") +
                $"\n\nItems:\n{items}\n\nShip to:\n{order.ShipTo}" +
                (order.PurchaseOrderNumber is { } slipPo ? $"\n\nPut purchase order {slipPo} and order {order.Number} on the packing slip: the school's receiving desk matches the box by them." : ""),
                Roles.RefurbisherBuyer);
        }

        outbox.Email(invoice.PayerId, $"Payment received for {invoice.Number}", $"We received {invoice.Amount:C} for invoice {invoice.Number}. Reference: {reference}.");
    }
}

/// <summary>What finance reads off the bank statement for an ACH, wire or check: the amount and the day it arrived.</summary>
public sealed record BankReceipt(decimal Amount, DateOnly ReceivedOn);
