using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Tests.Infrastructure;

/// <summary>The app's clock, moved by the test: rules that depend on dates (expiries, deadlines) are tested days or years ahead.</summary>
public sealed class MovableClock : IClock
{
    private long _offsetTicks;
    private long _frozenTicks = -1;

    public DateTimeOffset Now => Interlocked.Read(ref _frozenTicks) is >= 0 and var frozen
        ? new DateTimeOffset(frozen, TimeSpan.Zero)
        : DateTimeOffset.UtcNow.AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Stops the clock at <paramref name="at"/>: a deadline test then reads the same time however long it runs.</summary>
    public void Freeze(DateTimeOffset at) => Interlocked.Exchange(ref _frozenTicks, at.UtcTicks);

    /// <summary>Moves the clock so that today is <paramref name="day"/> (at the current time of day).</summary>
    public void MoveTo(DateOnly day)
    {
        Interlocked.Exchange(ref _frozenTicks, -1);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Interlocked.Exchange(ref _offsetTicks, TimeSpan.FromDays(day.DayNumber - today.DayNumber).Ticks);
    }
}

/// <summary>The app of <see cref="MarketplaceFactory"/> with a <see cref="MovableClock"/> in place of the system clock.</summary>
public sealed class ClockedMarketplaceFactory : MarketplaceFactory
{
    public MovableClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IClock>();
            services.AddSingleton<IClock>(Clock);
        });
    }
}
