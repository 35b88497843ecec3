using Marketplace.Web.Data.Interceptors;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketplace.Web.Data;

public enum DatabaseProvider { Sqlite, SqlServer }

public static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "Marketplace";

    private static readonly SqlitePragmaInterceptor SqlitePragma = new();

    public static DatabaseProvider GetDatabaseProvider(this IConfiguration configuration) =>
        Enum.TryParse<DatabaseProvider>(configuration["Database:Provider"], ignoreCase: true, out var provider) ? provider : DatabaseProvider.Sqlite;

    /// <summary>
    /// Registers the provider-specific context and exposes it as <see cref="MarketplaceDb"/> to the app. Contexts are
    /// pooled: building one (its options, services and interceptors) cost a busy auction about a tenth of each bid's
    /// processor time. A scope takes one from the pool and returns it, reset, when the scope ends.
    /// </summary>
    public static IServiceCollection AddMarketplaceData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<DataFolder>();
        services.AddSingleton<VersionInterceptor>();
        if (configuration.GetDatabaseProvider() == DatabaseProvider.SqlServer)
        {
            var connectionString = configuration.GetConnectionString(ConnectionStringName)
                ?? throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Marketplace is not set.");
            services.AddPooledDbContextFactory<SqlServerMarketplaceDb>((sp, options) => options
                .UseSqlServer(connectionString, sql => sql.MigrationsAssembly(typeof(MarketplaceDb).Assembly.FullName))
                .AddInterceptors(sp.GetRequiredService<VersionInterceptor>(), AuditInterceptor.Instance, CatalogRevisionInterceptor.Instance, LedgerTotalsInterceptor.Instance));
            services.AddScoped(sp => (SqlServerMarketplaceDb)sp.GetRequiredService<IDbContextFactory<SqlServerMarketplaceDb>>().CreateDbContext().ServeScope(sp));
            services.AddScoped<MarketplaceDb>(sp => sp.GetRequiredService<SqlServerMarketplaceDb>());
        }
        else
        {
            services.AddPooledDbContextFactory<SqliteMarketplaceDb>((sp, options) => options
                .UseSqlite(SqliteConnectionString(configuration, sp.GetRequiredService<DataFolder>()))
                .AddInterceptors(sp.GetRequiredService<VersionInterceptor>(), AuditInterceptor.Instance, CatalogRevisionInterceptor.Instance, LedgerTotalsInterceptor.Instance, SqlitePragma)
                // SQLite cannot rebuild a table inside a transaction, so a migration that drops columns runs partly
                // outside one; EF warns on every fresh install. The README says to back up App_Data before upgrading.
                .ConfigureWarnings(warnings => warnings.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Information))));
            services.AddScoped(sp => (SqliteMarketplaceDb)sp.GetRequiredService<IDbContextFactory<SqliteMarketplaceDb>>().CreateDbContext().ServeScope(sp));
            services.AddScoped<MarketplaceDb>(sp => sp.GetRequiredService<SqliteMarketplaceDb>());
            services.AddSingleton<SqliteCheckpointer>();
            services.AddHostedService(sp => sp.GetRequiredService<SqliteCheckpointer>());
        }

        return services;
    }

    /// <remarks>
    /// A private cache per connection, not a shared one: with WAL, a page reads its own snapshot while a background
    /// job writes, whereas a shared cache locks whole tables and makes readers wait (and retry) for the writer.
    /// </remarks>
    public static string SqliteConnectionString(IConfiguration configuration, DataFolder dataFolder) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } configured
            ? configured
            : $"Data Source={dataFolder.Resolve("marketplace.db")};Pooling=True";
}
