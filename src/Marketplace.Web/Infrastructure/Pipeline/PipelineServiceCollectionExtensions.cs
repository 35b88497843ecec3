using FluentValidation;
using Marketplace.Web.Infrastructure.Audit;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Infrastructure.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>Mediator with the pipeline: logging → authorization → validation → slow-request warning → rights read ahead → preparation → retry on conflict → transaction → audit → inbox → manifest revaluation → handler.</summary>
    public static IServiceCollection AddMarketplacePipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors =
            [
                typeof(LoggingBehavior<,>),
                typeof(AuthorizationBehavior<,>),
                typeof(ValidationBehavior<,>),
                typeof(SlowRequestBehavior<,>),
                // Outside the transaction: reads that need no write lock, once even when the command is run again.
                typeof(Features.Organizations.RightsFirstBehavior<,>),
                // Outside the transaction: read-only work (a certificate's PDF, an e-mail's messages), once even when the command is run again.
                typeof(PrepareBeforeTransactionBehavior<,>),
                // Outside the transaction: a command that lost a race on a version token is run again in a new one.
                typeof(ConflictRetryBehavior<,>),
                typeof(TransactionBehavior<,>),
                // Inside the transaction and outside the behaviors that save mid-command: every change, and the records of it, commit together.
                typeof(Audit.AuditBehavior<,>),
                // Inside the transaction: an idempotency key is recorded with the handler's changes or not at all.
                typeof(InboxBehavior<,>),
                typeof(Features.Lots.ManifestRevaluationBehavior<,>),
            ];
        });
        services.Configure<PipelineOptions>(configuration.GetSection(PipelineOptions.Section));
        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
        services.AddAutoMapper(cfg => cfg.LicenseKey = configuration["AutoMapper:LicenseKey"], typeof(Program));

        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IClock, SystemClock>();
        services.AddAuditTrail();
        services.AddScoped<Features.Organizations.ActingOrganization>();
        services.AddScoped<Outbox>();
        services.AddScoped<OutboxScope>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<SqliteWriteGate>();
        return services;
    }
}
