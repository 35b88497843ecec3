using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Marketplace.Tests.Infrastructure;

/// <summary>One API call the app made to the local Stripe server.</summary>
public sealed record StripeCall(string Method, string Path, IReadOnlyDictionary<string, StringValues> Form, string? IdempotencyKey, string? Authorization);

/// <summary>
/// A tiny HTTP server on 127.0.0.1 that answers the Stripe API calls the app makes, the way Stripe does,
/// and records them. Point the app's <c>Stripe:ApiBase</c> at <see cref="Url"/>.
/// </summary>
public sealed class LocalStripeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<StripeCall> _calls = new();
    private readonly ConcurrentDictionary<string, Dictionary<string, object?>> _sessions = new();

    private LocalStripeServer(WebApplication app) => _app = app;

    public string Url => _app.Urls.Single();

    public IReadOnlyList<StripeCall> Calls => [.. _calls];

    /// <summary>When set, creating a checkout session fails as Stripe does for a declined or invalid request.</summary>
    public bool RefuseCheckouts { get; set; }

    /// <summary>The buyer paid on Stripe's page: the session is complete (its webhook is the test's to send).</summary>
    public void CompleteSession(string sessionId) => _sessions[sessionId]["status"] = "complete";

    public string SessionStatus(string sessionId) => (string)_sessions[sessionId]["status"]!;

    public static async Task<LocalStripeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LocalStripeServer(app);
        app.MapPost("/v1/checkout/sessions", async (HttpRequest request) =>
        {
            var form = await server.RecordAsync(request);
            if (server.RefuseCheckouts)
            {
                return Error(402, "card_error", "Your card was declined.");
            }

            var id = $"cs_test_{Guid.NewGuid():N}";
            var session = new Dictionary<string, object?>
            {
                ["id"] = id,
                ["object"] = "checkout.session",
                ["url"] = $"https://checkout.stripe.test/pay/{id}",
                ["mode"] = form["mode"].ToString(),
                ["status"] = "open",
                ["payment_status"] = "unpaid",
                ["amount_total"] = long.Parse(form["line_items[0][price_data][unit_amount]"].ToString(), CultureInfo.InvariantCulture),
                ["currency"] = form["line_items[0][price_data][currency]"].ToString(),
                ["client_reference_id"] = form["client_reference_id"].ToString(),
                ["success_url"] = form["success_url"].ToString(),
                ["cancel_url"] = form["cancel_url"].ToString(),
                ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["livemode"] = false,
                ["metadata"] = form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal)).ToDictionary(f => f.Key[9..^1], f => f.Value.ToString()),
            };
            server._sessions[id] = session;
            return Results.Json(session);
        });
        app.MapGet("/v1/checkout/sessions/{id}", async (HttpRequest request, string id) =>
        {
            await server.RecordAsync(request);
            return server._sessions.TryGetValue(id, out var session) ? Results.Json(session) : Error(404, "invalid_request_error", $"No such checkout.session: '{id}'");
        });
        app.MapPost("/v1/checkout/sessions/{id}/expire", async (HttpRequest request, string id) =>
        {
            await server.RecordAsync(request);
            if (!server._sessions.TryGetValue(id, out var session))
            {
                return Error(404, "invalid_request_error", $"No such checkout.session: '{id}'");
            }

            if ((string)session["status"]! != "open")
            {
                return Error(400, "invalid_request_error", "Only Checkout Sessions with a status in [\"open\"] can be expired.");
            }

            session["status"] = "expired";
            return Results.Json(session);
        });
        app.MapPost("/v1/transfers", async (HttpRequest request) =>
        {
            var form = await server.RecordAsync(request);
            return Results.Json(new Dictionary<string, object?>
            {
                ["id"] = $"tr_{Guid.NewGuid():N}",
                ["object"] = "transfer",
                ["amount"] = long.Parse(form["amount"].ToString(), CultureInfo.InvariantCulture),
                ["currency"] = form["currency"].ToString(),
                ["destination"] = form["destination"].ToString(),
                ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["livemode"] = false,
                ["reversed"] = false,
                ["amount_reversed"] = 0,
                ["metadata"] = new Dictionary<string, string>(),
            });
        });
        await app.StartAsync();
        return server;
    }

    /// <summary>An error body shaped as Stripe's: <c>{"error": {"type", "message"}}</c> with its HTTP status.</summary>
    private static IResult Error(int status, string type, string message) =>
        Results.Json(new Dictionary<string, object?> { ["error"] = new Dictionary<string, object?> { ["type"] = type, ["message"] = message } }, statusCode: status);

    /// <summary>The <c>Stripe-Signature</c> header Stripe sends with a webhook: <c>t=unix,v1=hex(HMAC-SHA256(secret, "t.payload"))</c>.</summary>
    public static string Sign(string payload, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(signature)}";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<Dictionary<string, StringValues>> RecordAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var form = QueryHelpers.ParseQuery(await reader.ReadToEndAsync());
        _calls.Enqueue(new StripeCall(request.Method, request.Path, form, request.Headers["Idempotency-Key"].FirstOrDefault(), request.Headers.Authorization.FirstOrDefault()));
        return form;
    }
}
