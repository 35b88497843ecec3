using System.Globalization;
using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Features.Storefront;

/// <summary>How an order's sales tax reads on its page, invoice and e-mails: the exemption with its certificate, or the state and rate.</summary>
public static class OrderTaxWords
{
    /// <summary>Null for orders placed before sales tax was collected (no ship-to state): they show no tax line at all.</summary>
    public static string? For(Order order) => order switch
    {
        { IsTaxExempt: true } => Exempt(order.TaxExemption!),
        { SalesTaxRate: { } rate } => $"Sales tax {order.ShipToState} {Percent(rate)} on devices{(order.ShippingTaxed ? " and shipping" : "")}",
        { ShipToState: { } state } => $"Sales tax: none (no rate on file for {state})",
        _ => null,
    };

    public static string Exempt(string certificate) => $"Sales tax: exempt ({certificate})";

    public static string Percent(decimal rate) => (rate * 100m).ToString("0.####", CultureInfo.InvariantCulture) + "%";
}
