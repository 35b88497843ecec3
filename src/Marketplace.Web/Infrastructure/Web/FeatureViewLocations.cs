using Microsoft.AspNetCore.Mvc.Razor;

namespace Marketplace.Web.Infrastructure.Web;

/// <summary>Views live beside their use cases: Features/{Controller}/{View}.cshtml.</summary>
public sealed class FeatureViewLocations : IViewLocationExpander
{
    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations) =>
        ["/Features/{1}/{0}.cshtml", "/Features/Shared/{0}.cshtml"];

    public void PopulateValues(ViewLocationExpanderContext context)
    {
    }
}
