namespace Marketplace.Web.Domain;

/// <summary>
/// Business days as a district's business office counts them: weekdays that are not US federal holidays (5 U.S.C. 6103,
/// with Juneteenth since 2021), a holiday on a Saturday observed the Friday before and on a Sunday the Monday after.
/// </summary>
public static class BusinessCalendar
{
    public static bool IsBusinessDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !FederalHolidays(day.Year).Contains(day)
        // New Year's Day of the next year observed on December 31.
        && !(day.Month == 12 && day.Day == 31 && FederalHolidays(day.Year + 1).Contains(day));

    /// <summary>The moment <paramref name="days"/> business days after <paramref name="from"/>, at the same time of day (UTC).</summary>
    public static DateTimeOffset AddBusinessDays(DateTimeOffset from, int days)
    {
        var at = from;
        for (var counted = 0; counted < days;)
        {
            at = at.AddDays(1);
            if (IsBusinessDay(DateOnly.FromDateTime(at.UtcDateTime)))
            {
                counted++;
            }
        }

        return at;
    }

    /// <summary>The observed dates of the federal holidays of a year.</summary>
    public static IReadOnlySet<DateOnly> FederalHolidays(int year) => new HashSet<DateOnly>
    {
        Observed(new DateOnly(year, 1, 1)),
        Nth(year, 1, DayOfWeek.Monday, 3),      // Birthday of Martin Luther King, Jr.
        Nth(year, 2, DayOfWeek.Monday, 3),      // Washington's Birthday
        Last(year, 5, DayOfWeek.Monday),        // Memorial Day
        Observed(new DateOnly(year, 6, 19)),    // Juneteenth National Independence Day
        Observed(new DateOnly(year, 7, 4)),
        Nth(year, 9, DayOfWeek.Monday, 1),      // Labor Day
        Nth(year, 10, DayOfWeek.Monday, 2),     // Columbus Day
        Observed(new DateOnly(year, 11, 11)),   // Veterans Day
        Nth(year, 11, DayOfWeek.Thursday, 4),   // Thanksgiving Day
        Observed(new DateOnly(year, 12, 25)),
    };

    private static DateOnly Observed(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(-1),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    private static DateOnly Nth(int year, int month, DayOfWeek weekday, int n)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)weekday - (int)first.DayOfWeek + 7) % 7 + 7 * (n - 1));
    }

    private static DateOnly Last(int year, int month, DayOfWeek weekday)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)weekday + 7) % 7));
    }
}
