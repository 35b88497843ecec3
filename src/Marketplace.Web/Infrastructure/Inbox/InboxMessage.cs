namespace Marketplace.Web.Infrastructure.Inbox;

/// <summary>
/// Something that arrived and was handled once: an inbound event (a Stripe event id) or a repeatable
/// request (a form post's idempotency key), with the response it got, so a repeat gets that response
/// instead of a second effect.
/// </summary>
public sealed class InboxMessage
{
    public const int KeyLength = 200;
    public const int SourceLength = 100;

    /// <summary>The command type that recorded it, then the caller's key: "Store.Checkout+Command:user:…:…".</summary>
    public required string Key { get; init; }

    /// <summary>The command type that recorded it, without the app's namespace.</summary>
    public required string Source { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The handler's response, serialized; replayed to repeats.</summary>
    public string? ResponseJson { get; set; }
}

/// <summary>
/// A command a client may send more than once (a double-clicked form, a browser resubmit, a webhook
/// retried by Stripe). A repeat with the same key runs no handler and gets the first response, which
/// must therefore round-trip through System.Text.Json. Keys are scoped per command type; callers scope
/// them further with <see cref="IdempotencyKeys"/> so one user's key never matches another's.
/// </summary>
public interface IIdempotentCommand
{
    /// <summary>Null or empty: not deduplicated.</summary>
    string? IdempotencyKey { get; }
}

public static class IdempotencyKeys
{
    /// <summary>The form field rendered by <c>Features/Shared/_IdempotencyKey.cshtml</c>.</summary>
    public const string FormField = "IdempotencyKey";

    /// <summary>A key posted by a signed-in user's form, scoped to that user.</summary>
    public static string? ForUser(Guid userId, string? formKey) =>
        string.IsNullOrWhiteSpace(formKey) ? null : $"user:{userId:N}:{formKey.Trim()}";

    /// <summary>An inbound Stripe event, by its event id (Stripe retries deliver the same id).</summary>
    public static string ForStripeEvent(string eventId) => $"stripe:{eventId}";
}
