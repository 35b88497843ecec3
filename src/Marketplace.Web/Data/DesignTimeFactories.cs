using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Marketplace.Web.Data;

// dotnet-ef builds each provider's context with these, so adding a migration needs no database.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMarketplaceDb>
{
    public SqliteMarketplaceDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMarketplaceDb>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerMarketplaceDb>
{
    public SqlServerMarketplaceDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerMarketplaceDb>().UseSqlServer("Server=design-time;Database=Marketplace;Integrated Security=true").Options);
}
