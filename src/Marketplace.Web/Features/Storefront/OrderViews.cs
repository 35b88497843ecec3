using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Features.Storefront;

public static class OrderViews
{
    /// <summary>A Bootstrap badge class with enough contrast for the stage's words.</summary>
    public static string Badge(this OrderStage stage) => stage switch
    {
        OrderStage.Delivered => "text-bg-success",
        OrderStage.Shipped or OrderStage.PartlyShipped => "text-bg-primary",
        OrderStage.ReadyToShip => "text-bg-info",
        OrderStage.Cancelled => "text-bg-secondary",
        OrderStage.AwaitingApproval => "text-bg-info",
        _ => "text-bg-warning",
    };

    public static string Words(this ShippingFilter filter) => filter switch
    {
        ShippingFilter.Shipped => "Shipped",
        ShippingFilter.Delivered => "Delivered",
        _ => "To ship",
    };
}
