using Marketplace.Web.Data.Interceptors;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
            ServeOnePerScope<SqlServerMarketplaceDb>(services);
        }
        else
        {
            services.AddPooledDbContextFactory<SqliteMarketplaceDb>((sp, options) => options
                .UseSqlite(SqliteConnectionString(configuration, sp.GetRequiredService<DataFolder>()))
                .AddInterceptors(sp.GetRequiredService<VersionInterceptor>(), AuditInterceptor.Instance, CatalogRevisionInterceptor.Instance, LedgerTotalsInterceptor.Instance, SqlitePragma)
                // SQLite cannot rebuild a table inside a transaction, so a migration that drops columns runs partly
                // outside one; EF warns on every fresh install. The README says to back up App_Data before upgrading.
                .ConfigureWarnings(warnings => warnings.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Information))));
            ServeOnePerScope<SqliteMarketplaceDb>(services);
            services.AddSingleton<SqliteCheckpointer>();
            services.AddHostedService(sp => sp.GetRequiredService<SqliteCheckpointer>());
        }

        return services;
    }

    /// <summary>
    /// Each scope gets one context from <typeparamref name="TContext"/>'s pool, as <see cref="MarketplaceDb"/> and as nothing
    /// else: the provider's class, which the pooled factory registers too, is taken out again. The container disposes what
    /// each scoped registration hands out, so a second registration serving the same context (a forward from one type to
    /// the other) disposed it twice. The first disposal returned it to the pool; a request that took it from the pool
    /// before the second got it returned under its feet, and failed with "Cannot access a disposed context instance" (or,
    /// worse, shared it with the next request that took it).
    /// </summary>
    private static void ServeOnePerScope<TContext>(IServiceCollection services) where TContext : MarketplaceDb
    {
        services.RemoveAll<TContext>();
        services.AddScoped<MarketplaceDb>(sp => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext().ServeScope(sp));
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
