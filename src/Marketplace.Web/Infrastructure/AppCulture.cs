using System.Globalization;

namespace Marketplace.Web.Infrastructure;

/// <summary>Prices, dates and e-mails are written for US school districts, whatever the server's locale.</summary>
public static class AppCulture
{
    public static CultureInfo UnitedStates { get; } = CultureInfo.GetCultureInfo("en-US");

    /// <summary>Makes <see cref="UnitedStates"/> the culture of this thread and of every thread that does not choose its own.</summary>
    public static void Apply() =>
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture =
            CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = UnitedStates;
}
