using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Payments;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure.Payments;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Storefront;

public sealed record CheckoutForm(PaymentMethod Method = PaymentMethod.PurchaseOrder, string? PurchaseOrderNumber = null, Guid? ShipToSiteId = null);

public sealed record CheckoutPage(CartView Cart, CheckoutForm Form, bool AcceptsCards);

/// <summary>The storefront: anyone browses; school and district buyers order.</summary>
[Route("store")]
public sealed class StoreController(ISender sender, IPaymentProvider payments) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await Sender.Send(BrowseCatalog.Query.FromUrl(Request.Query), Aborted));

    [HttpGet("class-sets")]
    public async Task<IActionResult> ClassSets(int? quantity) =>
        View(await Sender.Send(new FindClassSets.Query(quantity ?? 30, BrowseCatalog.Query.FromUrl(Request.Query).Filter), Aborted));

    [HttpGet("listings/{id:guid}")]
    public async Task<IActionResult> Listing(Guid id) => View(await Sender.Send(new GetListing.Query(id), Aborted));

    [Authorize(Roles = Roles.StorefrontBuyers)]
    [HttpGet("cart")]
    public async Task<IActionResult> Cart() => View(await Sender.Send(new GetCart.Query(), Aborted));

    [Authorize(Roles = Roles.StorefrontBuyers)]
    [HttpPost("cart")]
    public async Task<IActionResult> AddToCart(Guid listingId, int quantity = 1)
    {
        await Sender.Send(new AddToCart.Command(listingId, quantity), Aborted);
        Success("Added to your cart.");
        return RedirectToAction(nameof(Cart));
    }

    [Authorize(Roles = Roles.StorefrontBuyers)]
    [HttpPost("class-sets/cart")]
    public async Task<IActionResult> AddClassSetToCart(List<AddClassSetToCart.Part> parts)
    {
        var devices = await Sender.Send(new AddClassSetToCart.Command(parts), Aborted);
        Success($"Class set of {devices:N0} devices added to your cart.");
        return RedirectToAction(nameof(Cart));
    }

    [Authorize(Roles = Roles.StorefrontBuyers)]
    [HttpPost("cart/{listingId:guid}/quantity")]
    public async Task<IActionResult> SetCartQuantity(Guid listingId, int quantity)
    {
        await Sender.Send(new SetCartQuantity.Command(listingId, quantity), Aborted);
        Success("Quantity updated.");
        return RedirectToAction(nameof(Cart));
    }

    [Authorize(Roles = Roles.StorefrontBuyers)]
    [HttpPost("cart/{listingId:guid}/remove")]
    public async Task<IActionResult> RemoveFromCart(Guid listingId)
    {
        await Sender.Send(new RemoveFromCart.Command(listingId), Aborted);
        return RedirectToAction(nameof(Cart));
    }

    [Authorize(Roles = Roles.StorefrontBuyers)]
    [HttpGet("checkout")]
    public async Task<IActionResult> Checkout()
    {
        var cart = await Sender.Send(new GetCart.Query(), Aborted);
        return cart.Lines.Count == 0 ? RedirectToAction(nameof(Cart)) : View(new CheckoutPage(cart, new CheckoutForm(), payments.AcceptsCards));
    }

    [Authorize(Roles = Roles.StorefrontBuyers)]
    [HttpPost("checkout")]
    public async Task<IActionResult> Checkout(CheckoutForm form)
    {
        var orders = new Uri(Url.Action(nameof(Orders), "Store", null, Request.Scheme)!.TrimEnd('/') + "/");
        var placed = await Sender.Send(new Checkout.Command(form.Method, form.PurchaseOrderNumber, form.ShipToSiteId, orders, FormIdempotencyKey()), Aborted);
        if (placed.CardCheckoutUrl is { } pay)
        {
            return Redirect(pay);
        }

        Success((placed.OrderIds.Count == 1 ? "Order placed." : $"{placed.OrderIds.Count} orders placed, one per refurbisher.")
                + (placed.HeldForApproval == 0 ? " Thank you!" : placed.HeldForApproval == placed.OrderIds.Count && placed.OrderIds.Count == 1
                    ? " It is above your school's approval limit, so it waits for your approver; its devices are reserved."
                    : $" {placed.HeldForApproval} of them are above your school's approval limit and wait for your approver."));
        return placed.OrderIds.Count == 1 ? RedirectToAction(nameof(Order), new { id = placed.OrderIds[0] }) : RedirectToAction(nameof(Orders));
    }

    [Authorize(Roles = Roles.SchoolStaff + "," + Roles.DistrictStaff)]
    [HttpGet("orders")]
    public async Task<IActionResult> Orders(int page = 1) => View(await Sender.Send(new ListOrders.Query(page), Aborted));

    [Authorize(Roles = Roles.SchoolStaff + "," + Roles.DistrictStaff)]
    [HttpGet("orders/{id:guid}")]
    public async Task<IActionResult> Order(Guid id) => View(await Sender.Send(new GetOrder.Query(id), Aborted));

    [Authorize(Roles = Roles.StorefrontBuyers)]
    [HttpPost("orders/{id:guid}/pay/card")]
    public async Task<IActionResult> PayOrderByCard(Guid id, Guid invoiceId)
    {
        var back = new Uri(Url.Action(nameof(Order), "Store", new { id }, Request.Scheme)!);
        return Redirect(await Sender.Send(new StartCardPayment.Command(invoiceId, back, back), Aborted));
    }

    [Authorize(Roles = Roles.StorefrontBuyers)]
    [HttpPost("orders/{id:guid}/pay/po")]
    public async Task<IActionResult> PayOrderByPurchaseOrder(Guid id, string? purchaseOrderNumber)
    {
        await Sender.Send(new PayOrderByPurchaseOrder.Command(id, purchaseOrderNumber ?? "", FormIdempotencyKey()), Aborted);
        Success($"Purchase order {purchaseOrderNumber?.Trim()} recorded. The invoice is due on net 30 terms.");
        return RedirectToAction(nameof(Order), new { id });
    }

    [Authorize(Roles = Roles.StorefrontBuyers)]
    [HttpPost("orders/{id:guid}/cancel")]
    public async Task<IActionResult> CancelOrder(Guid id)
    {
        await Sender.Send(new CancelOrder.Command(id, FormIdempotencyKey()), Aborted);
        Success("Order cancelled. Nothing is owed, and the devices are back in stock.");
        return RedirectToAction(nameof(Order), new { id });
    }

    [Authorize(Roles = Roles.StorefrontBuyers)]
    [HttpPost("orders/{id:guid}/shipments/{shipmentId:guid}/received")]
    public async Task<IActionResult> ConfirmShipmentReceived(Guid id, Guid shipmentId)
    {
        await Sender.Send(new ConfirmShipmentReceived.Command(id, shipmentId, FormIdempotencyKey()), Aborted);
        Success("Receipt confirmed. Thank you!");
        return RedirectToAction(nameof(Order), new { id });
    }

    [Authorize(Roles = Roles.SchoolApprover)]
    [HttpPost("orders/{id:guid}/approve")]
    public async Task<IActionResult> ApproveOrder(Guid id)
    {
        await Sender.Send(new ApproveOrder.Command(id, FormIdempotencyKey()), Aborted);
        Success("Order approved. It is invoiced and sent to the seller.");
        return RedirectToAction(nameof(Order), new { id });
    }

    [Authorize(Roles = Roles.SchoolApprover)]
    [HttpPost("orders/{id:guid}/reject")]
    public async Task<IActionResult> RejectOrder(Guid id, string? reason)
    {
        await Sender.Send(new RejectOrder.Command(id, reason ?? "", FormIdempotencyKey()), Aborted);
        Success("Order turned down. Its devices are back on sale and the buyer is told why.");
        return RedirectToAction(nameof(Order), new { id });
    }
}
