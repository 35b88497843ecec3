namespace Marketplace.Web.Domain.Lots;

public static class AueYears
{
    /// <summary>Years (to one decimal) until the Auto Update Expiration; 0 once it has passed.</summary>
    public static double? Left(DateOnly? aue, DateOnly today) =>
        aue is { } date ? Math.Max(0, Math.Round((date.DayNumber - today.DayNumber) / 365.25, 1)) : null;
}
