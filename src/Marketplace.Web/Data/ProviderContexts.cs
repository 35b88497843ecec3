using Marketplace.Web.Domain.Lots;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Marketplace.Web.Data;

public sealed class SqliteMarketplaceDb(DbContextOptions<SqliteMarketplaceDb> options) : MarketplaceDb(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Serials and asset tags match whatever their case, as they do under SQL Server's default collation:
        // a scanner that reads "5cd..." finds "5CD...", through the (lot, serial) index.
        builder.Entity<Device>().Property(d => d.Serial).UseCollation("NOCASE");
        builder.Entity<Device>().Property(d => d.AssetTag).UseCollation("NOCASE");
    }

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
