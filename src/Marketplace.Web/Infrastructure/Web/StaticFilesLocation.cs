using Microsoft.Extensions.FileProviders;

namespace Marketplace.Web.Infrastructure.Web;

public static class StaticFilesLocation
{
    /// <summary>
    /// CSS and scripts are served whatever directory the app is started from. The content root is the working
    /// directory, which holds no wwwroot when the built app is run from elsewhere; the build output then serves
    /// them through its static web assets manifest (normally read only in Development), and a published app
    /// from the wwwroot beside its own files.
    /// </summary>
    public static WebApplicationBuilder ServeStaticFilesFromAnyDirectory(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseStaticWebAssets();
        var besideTheApp = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!Directory.Exists(builder.Environment.WebRootPath) && Directory.Exists(besideTheApp))
        {
            builder.Environment.WebRootPath = besideTheApp;
            builder.Environment.WebRootFileProvider = new PhysicalFileProvider(besideTheApp);
        }

        return builder;
    }
}
