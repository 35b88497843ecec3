using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;

namespace Marketplace.Web.Jobs;

/// <summary>Which parts of the app this process runs: "all" (embedded default), "web" or "worker".</summary>
public sealed class AppRole(string? value)
{
    public string Value { get; } = string.IsNullOrWhiteSpace(value) ? "all" : value.Trim().ToLowerInvariant();
    public bool ServesPages => Value is "all" or "web";
    public bool RunsJobs => Value is "all" or "worker";
}

public static class JobsServiceCollectionExtensions
{
    public static IServiceCollection AddMarketplaceJobs(this IServiceCollection services, IConfiguration configuration, AppRole role)
    {
        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(OutboxOptions.Section))
            .Validate(o => o.Lease > TimeSpan.Zero && o.PollInterval > TimeSpan.Zero && o.PruneInterval > TimeSpan.Zero && o.RetryBackoff > TimeSpan.Zero && o.BatchSize > 0 && o.QueueLimit > 0,
                "Outbox:Lease, PollInterval, PruneInterval and RetryBackoff must be positive durations and Outbox:BatchSize and QueueLimit positive numbers.")
            .ValidateOnStart();
        var sqlServer = configuration.GetDatabaseProvider() == DatabaseProvider.SqlServer;
        if (!sqlServer && !role.RunsJobs)
        {
            throw new InvalidOperationException("With the embedded SQLite database, jobs run in-process: App:Role must be 'all'.");
        }

        services.AddSingleton(new JobStorageMode(IsVolatile: !sqlServer));

        // Hangfire's defaults are process-wide statics (JobStorage.Current, JobActivator.Current): two app
        // instances in one process (the test suite) would run each other's jobs. Bind both to this container.
        services.AddSingleton<JobStorage>(_ => sqlServer
            ? new SqlServerStorage(configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionStringName),
                new SqlServerStorageOptions { PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(1) })
            : new InMemoryStorage());
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>()));

        services.AddTransient<OutboxJob>();
        services.AddTransient<RecurringJobs>();
        if (role.RunsJobs)
        {
            services.AddHangfireServer(options =>
            {
                options.WorkerCount = configuration.GetValue("Jobs:WorkerCount", Math.Max(2, Environment.ProcessorCount));
                options.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            });
            services.AddSingleton<OutboxDispatcher>();
            services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
            services.AddHostedService<RecurringJobSchedule>();
        }

        return services;
    }

    public static IEndpointConventionBuilder MapJobDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboard("/admin/jobs", new DashboardOptions
        {
            Authorization = [new AdminOnlyDashboard()],
            DashboardTitle = "Background jobs",
            AppPath = "/admin",
        });

    private sealed class AdminOnlyDashboard : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }
}
