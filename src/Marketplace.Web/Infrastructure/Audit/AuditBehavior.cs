using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketplace.Web.Infrastructure.Audit;

/// <summary>
/// Every command writes at least one audit record, in its own transaction: the rows it added, changed and removed
/// (field by field, before → after), or, when it changed none the trail can see (a bulk update, a repeated post), the
/// command itself with what was asked. Sits just inside the transaction behavior, so a refused or failed command rolls
/// its records back with its changes and a successful one cannot commit without them. Queries pass straight through.
/// </summary>
public sealed class AuditBehavior<TMessage, TResponse>(MarketplaceDb db, AuditTrail trail) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand || trail.IsRecording)
        {
            return await next(message, cancellationToken);
        }

        trail.Begin(message);
        try
        {
            var response = await next(message, cancellationToken);
            trail.Complete(db, response);
            return response;
        }
        finally
        {
            trail.End();
        }
    }
}

/// <summary>
/// Records a command's changes at every save made while it runs (the inbox, the manifest revaluation and Identity's
/// stores save before the command ends), before the save makes them look unchanged. Outside a command it does nothing.
/// </summary>
public sealed class AuditInterceptor : SaveChangesInterceptor
{
    /// <summary>Singleton, as pooled contexts' options are: the trail is the one of the request the context serves.</summary>
    public static readonly AuditInterceptor Instance = new();

    private AuditInterceptor()
    {
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Capture(DbContext? context)
    {
        if (context is MarketplaceDb { Trail: { } trail } db)
        {
            trail.CaptureChanges(db);
        }
    }
}

public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.AddScoped<AuditTrail>();
        return services;
    }
}
