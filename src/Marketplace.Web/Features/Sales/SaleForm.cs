using Marketplace.Web.Domain.Sales;

namespace Marketplace.Web.Features.Sales;

/// <summary>
/// The listing form as posted: the close is a wall-clock time in the district's browser's time zone (an IANA name the
/// page's script fills in; UTC without it), turned into an instant here so the domain only sees instants.
/// </summary>
public sealed record SaleForm(SaleMode Mode = SaleMode.RequestForQuotes, DateTime? ClosesAt = null, string? TimeZone = null, decimal? StartPrice = null,
    decimal? MinimumIncrement = null, decimal? ReservePrice = null, decimal? BuyNowPrice = null, int SoftCloseMinutes = SaleTerms.DefaultSoftCloseMinutes)
{
    public SaleTerms ToTerms() => new(Mode, ClosesAt is { } local ? Instant(local) : null, StartPrice, MinimumIncrement, ReservePrice, BuyNowPrice, SoftCloseMinutes);

    private DateTimeOffset Instant(DateTime local)
    {
        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrWhiteSpace(TimeZone))
        {
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                throw new DomainException($"Closes at: the time zone \"{TimeZone}\" is unknown; reload the page and try again.");
            }
        }

        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }
}
