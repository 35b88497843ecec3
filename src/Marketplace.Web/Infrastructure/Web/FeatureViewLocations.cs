using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Marketplace.Web.Infrastructure.Web;

/// <summary>
/// Views live beside their use cases, in the area folder of the controller's namespace:
/// <c>Marketplace.Web.Features.Storefront.StoreController</c> → <c>Features/Storefront/{View}.cshtml</c>, then <c>Features/Shared/</c>.
/// </summary>
public sealed class FeatureViewLocations : IViewLocationExpander
{
    private const string AreaKey = "feature-area";
    private const string FeaturesNamespace = "Marketplace.Web.Features.";

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations) =>
        context.Values.TryGetValue(AreaKey, out var area) && area is not null
            ? [$"/Features/{area}/{{0}}.cshtml", "/Features/Shared/{0}.cshtml"]
            : ["/Features/{1}/{0}.cshtml", "/Features/Shared/{0}.cshtml"];

    /// <summary>The area is part of the view cache key: two areas may have controllers and views of the same name.</summary>
    public void PopulateValues(ViewLocationExpanderContext context) => context.Values[AreaKey] = Area(context);

    /// <summary>The segment after <c>Marketplace.Web.Features.</c> in the controller's namespace; null outside Features.</summary>
    private static string? Area(ViewLocationExpanderContext context)
    {
        var ns = (context.ActionContext.ActionDescriptor as ControllerActionDescriptor)?.ControllerTypeInfo.Namespace;
        if (ns is null || !ns.StartsWith(FeaturesNamespace, StringComparison.Ordinal))
        {
            return null;
        }

        var area = ns[FeaturesNamespace.Length..];
        var dot = area.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? area : area[..dot];
    }
}
