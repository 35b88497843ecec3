using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marketplace.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Infrastructure.Inbox;

/// <summary>
/// Runs <see cref="IIdempotentCommand"/>s once per key. Sits inside the transaction behavior, so the
/// inbox record and the handler's changes commit or roll back together: a failed attempt leaves its
/// key unused and may be repeated.
/// </summary>
public sealed class InboxBehavior<TMessage, TResponse>(MarketplaceDb db, IClock clock, ILogger<InboxBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string Source = SourceOf(typeof(TMessage));

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IIdempotentCommand { IdempotencyKey: { Length: > 0 } callerKey })
        {
            return await next(message, cancellationToken);
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException($"{Source} carries an idempotency key outside a transaction: the inbox behavior must run inside the transaction behavior.");
        }

        var key = KeyFor(callerKey);
        if (await StoredResponseAsync(key, cancellationToken) is { } stored)
        {
            return Replay(key, stored);
        }

        // Record the key before the handler runs. A concurrent repeat then waits on this row (SQL Server
        // key lock; SQLite lets one writer in at a time anyway) and, once this commits, finds it.
        var record = new InboxMessage { Key = key, Source = Source, ReceivedAt = clock.Now };
        db.InboxMessages.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.Entry(record).State = EntityState.Detached;
            if (await StoredResponseAsync(key, cancellationToken) is { } first)
            {
                return Replay(key, first);
            }

            throw;
        }

        var response = await next(message, cancellationToken);
        record.ResponseJson = JsonSerializer.Serialize(response, Json);
        return response;
    }

    internal static string KeyFor(string callerKey)
    {
        var key = $"{Source}:{callerKey}";
        return key.Length <= InboxMessage.KeyLength
            ? key
            : $"{Source}:sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(callerKey)))}";
    }

    private Task<string?> StoredResponseAsync(string key, CancellationToken cancellationToken) =>
        db.InboxMessages.AsNoTracking().Where(i => i.Key == key).Select(i => i.ResponseJson ?? "null").FirstOrDefaultAsync(cancellationToken);

    private TResponse Replay(string key, string responseJson)
    {
        logger.LogInformation("{Source} was already handled for key {Key}; returning the first response", Source, key);
        return JsonSerializer.Deserialize<TResponse>(responseJson, Json)!;
    }

    private static string SourceOf(Type type)
    {
        var name = type.FullName ?? type.Name;
        foreach (var prefix in (string[])["Marketplace.Web.Features.", "Marketplace.Web."])
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                name = name[prefix.Length..];
                break;
            }
        }

        return name.Truncate(InboxMessage.SourceLength);
    }
}
