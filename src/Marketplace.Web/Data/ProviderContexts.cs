using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Marketplace.Web.Data;

public sealed class SqliteMarketplaceDb(DbContextOptions<SqliteMarketplaceDb> options) : MarketplaceDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no DateTimeOffset or decimal type: store UTC ticks and scaled integers so that
        // ordering, comparisons and SUM run in SQL instead of failing or loading rows into memory.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<decimal>().HaveConversion<CentsConverter>();
    }

    private sealed class CentsConverter() : ValueConverter<decimal, long>(
        value => (long)decimal.Round(value * 10_000m),
        stored => stored / 10_000m);
}

public sealed class SqlServerMarketplaceDb(DbContextOptions<SqlServerMarketplaceDb> options) : MarketplaceDb(options);
