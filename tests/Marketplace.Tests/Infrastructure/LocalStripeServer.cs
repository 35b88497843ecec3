using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Marketplace.Tests.Infrastructure;

/// <summary>One API call the app made to the local Stripe server.</summary>
public sealed record StripeCall(string Method, string Path, IReadOnlyDictionary<string, StringValues> Form, string? IdempotencyKey, string? Authorization,
    string? StripeAccount = null, string Query = "");

/// <summary>How the server misbehaves for the next calls to a path, as Stripe or the network sometimes do.</summary>
public enum StripeFault
{
    /// <summary>HTTP 500 with Stripe's api_error body; nothing is created.</summary>
    ServerError,

    /// <summary>The request is carried out (the object is created) but the answer comes only after <see cref="LocalStripeServer.TimeoutDelay"/>: the client gives up first.</summary>
    Timeout,

    /// <summary>HTTP 429 with Stripe's rate_limit error; nothing is created.</summary>
    RateLimited,
}

/// <summary>
/// A small HTTP server on 127.0.0.1 that answers the Stripe API calls the app makes the way Stripe does (objects shaped
/// as Stripe's published fixtures, errors as Stripe's error bodies, a repeated Idempotency-Key replays the first answer),
/// records every call, can be told to fail, time out or rate-limit, and signs webhook events with Stripe's scheme.
/// Point the app's <c>Stripe:ApiBase</c> at <see cref="Url"/>.
/// </summary>
public sealed class LocalStripeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<StripeCall> _calls = new();
    private readonly ConcurrentDictionary<string, JsonObject> _objects = new();
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _idempotent = new();
    private readonly ConcurrentDictionary<string, (StripeFault Fault, int Remaining)> _faults = new();
    private readonly ConcurrentDictionary<string, long> _balances = new();
    private readonly List<JsonObject> _balanceTransactions = [];
    private readonly Lock _gate = new();

    private LocalStripeServer(WebApplication app) => _app = app;

    public string Url => _app.Urls.Single();

    public IReadOnlyList<StripeCall> Calls => [.. _calls];

    /// <summary>How long a <see cref="StripeFault.Timeout"/> answer is held back; the app's client timeout must be shorter.</summary>
    public TimeSpan TimeoutDelay { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>When set, creating a checkout session fails as Stripe does for a declined or invalid request.</summary>
    public bool RefuseCheckouts { get; set; }

    /// <summary>Objects of one kind the server created (not replays): a transfer sent once appears once.</summary>
    public IReadOnlyList<JsonObject> Created(string objectType) =>
        [.. _objects.Values.Where(o => (string?)o["object"] == objectType).OrderBy(o => (long)o["_seq"]!)];

    /// <summary>The next <paramref name="count"/> calls to <paramref name="path"/> (e.g. "/v1/transfers") misbehave.</summary>
    public void FailNext(string path, int count, StripeFault fault) => _faults[path] = (fault, count);

    /// <summary>Sets a connected account's available balance (minor units) as <c>GET /v1/balance</c> with its Stripe-Account reports it.</summary>
    public void SetAvailableBalance(string account, long amount) => _balances[account] = amount;

    /// <summary>
    /// A balance transaction of the platform's account, listed by <c>GET /v1/balance_transactions</c> (newest first, paged by
    /// <c>limit</c> and <c>starting_after</c>, filtered by <c>created[gte]</c> and <c>created[lt]</c>). Charges, refunds,
    /// transfers and transfer reversals the server creates add theirs; a test adds others (a payout, a fee Stripe took).
    /// </summary>
    public JsonObject AddBalanceTransaction(string type, long amount, long fee, string source, DateTimeOffset created)
    {
        var transaction = Fixture("balance_transaction");
        transaction["id"] = $"txn_{Guid.NewGuid():N}";
        transaction["type"] = type;
        transaction["reporting_category"] = type;
        transaction["amount"] = amount;
        transaction["fee"] = fee;
        transaction["net"] = amount - fee;
        transaction["source"] = source;
        transaction["created"] = created.ToUnixTimeSeconds();
        transaction["available_on"] = created.ToUnixTimeSeconds();
        transaction["fee_details"] = fee == 0 ? new JsonArray() : new JsonArray(new JsonObject
        {
            ["amount"] = fee, ["application"] = null, ["currency"] = "usd", ["description"] = "Stripe processing fees", ["type"] = "stripe_fee",
        });
        _objects[(string)transaction["id"]!] = Stamp(transaction);
        lock (_gate)
        {
            _balanceTransactions.Add(transaction);
        }

        return transaction;
    }

    /// <summary>The balance transactions the server holds, oldest first.</summary>
    public IReadOnlyList<JsonObject> BalanceTransactions
    {
        get
        {
            lock (_gate)
            {
                return [.. _balanceTransactions.OrderBy(b => (long)b["_seq"]!)];
            }
        }
    }

    /// <summary>Adds a charge (with its balance transaction carrying <paramref name="fee"/>) as Stripe holds it after a payment.</summary>
    public JsonObject AddCharge(string chargeId, string paymentIntentId, long amount, long fee, string? transferGroup = null)
    {
        var balanceTransaction = AddBalanceTransaction("charge", amount, fee, chargeId, DateTimeOffset.UtcNow);
        var charge = Fixture("charge");
        charge["id"] = chargeId;
        charge["amount"] = amount;
        charge["amount_captured"] = amount;
        charge["captured"] = true;
        charge["payment_intent"] = paymentIntentId;
        charge["balance_transaction"] = (string)balanceTransaction["id"]!;
        charge["transfer_group"] = transferGroup;
        charge["refunds"]!["url"] = $"/v1/charges/{chargeId}/refunds";
        _objects[chargeId] = Stamp(charge);
        return charge;
    }

    /// <summary>A connected account as <c>GET /v1/accounts/{id}</c> returns it.</summary>
    public JsonObject AddAccount(string accountId, bool payoutsEnabled, params string[] currentlyDue)
    {
        var account = Fixture("account");
        account["id"] = accountId;
        account["type"] = "express";
        account["charges_enabled"] = payoutsEnabled;
        account["payouts_enabled"] = payoutsEnabled;
        account["details_submitted"] = payoutsEnabled;
        account["requirements"]!["currently_due"] = new JsonArray([.. currentlyDue.Select(d => (JsonNode)d)]);
        account["requirements"]!["disabled_reason"] = currentlyDue.Length == 0 ? null : "requirements.past_due";
        _objects[accountId] = Stamp(account);
        return account;
    }

    /// <summary>The buyer paid on Stripe's page: the session is complete (its webhook is the test's to send).</summary>
    public void CompleteSession(string sessionId) => _objects[sessionId]["status"] = "complete";

    public string SessionStatus(string sessionId) => (string)_objects[sessionId]["status"]!;

    public JsonObject Session(string sessionId) => _objects[sessionId];

    /// <summary>A copy of one of Stripe's published object fixtures (StripeFixtures/objects.json).</summary>
    public static JsonObject Fixture(string objectType) =>
        (JsonObject)(Fixtures.Value[objectType] ?? throw new ArgumentException($"No Stripe fixture for '{objectType}'.", nameof(objectType))).DeepClone();

    private static readonly Lazy<JsonObject> Fixtures = new(() =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Infrastructure", "StripeFixtures", "objects.json")))!);

    /// <summary>An event wrapping <paramref name="dataObject"/>, shaped as Stripe's event fixture.</summary>
    public static string Event(string eventId, string type, JsonObject dataObject, string? account = null, JsonObject? previousAttributes = null)
    {
        var stripeEvent = Fixture("event");
        stripeEvent["id"] = eventId;
        stripeEvent["type"] = type;
        stripeEvent["api_version"] = Stripe.StripeConfiguration.ApiVersion;
        stripeEvent["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        stripeEvent["pending_webhooks"] = 1;
        stripeEvent["data"] = new JsonObject { ["object"] = dataObject.DeepClone() };
        if (previousAttributes is not null)
        {
            stripeEvent["data"]!["previous_attributes"] = previousAttributes;
        }

        if (account is not null)
        {
            stripeEvent["account"] = account;
        }

        return stripeEvent.ToJsonString();
    }

    public static async Task<LocalStripeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LocalStripeServer(app);

        server.Post("/v1/checkout/sessions", (form, _) =>
        {
            if (server.RefuseCheckouts)
            {
                return (402, ErrorBody("card_error", "Your card was declined."));
            }

            var session = Fixture("checkout.session");
            var id = $"cs_test_{Guid.NewGuid():N}";
            session["id"] = id;
            session["url"] = $"https://checkout.stripe.test/pay/{id}";
            session["mode"] = form["mode"].ToString();
            session["amount_total"] = long.Parse(form["line_items[0][price_data][unit_amount]"].ToString(), CultureInfo.InvariantCulture);
            session["amount_subtotal"] = session["amount_total"]!.DeepClone();
            session["currency"] = form["line_items[0][price_data][currency]"].ToString();
            session["client_reference_id"] = form["client_reference_id"].ToString();
            session["success_url"] = form["success_url"].ToString();
            session["cancel_url"] = form["cancel_url"].ToString();
            session["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            session["expires_at"] = DateTimeOffset.UtcNow.AddHours(24).ToUnixTimeSeconds();
            session["payment_intent"] = null;
            session["metadata"] = Nested(form, "metadata");
            // Not part of a session object: kept so tests can build the payment intent Stripe would create from it.
            session["_payment_intent_data"] = new JsonObject
            {
                ["transfer_group"] = form["payment_intent_data[transfer_group]"].ToString(),
                ["metadata"] = Nested(form, "payment_intent_data[metadata]"),
            };
            server._objects[id] = server.Stamp(session);
            return (200, Public(session));
        });
        server.Get("/v1/checkout/sessions/{id}", id => server.Find(id, "checkout.session"));
        server.Post("/v1/checkout/sessions/{id}/expire", (_, id) =>
        {
            if (!server._objects.TryGetValue(id!, out var session))
            {
                return (404, ErrorBody("invalid_request_error", $"No such checkout.session: '{id}'"));
            }

            if ((string?)session["status"] != "open")
            {
                return (400, ErrorBody("invalid_request_error", "Only Checkout Sessions with a status in [\"open\"] can be expired."));
            }

            session["status"] = "expired";
            return (200, Public(session));
        });
        server.Post("/v1/transfers", (form, _) =>
        {
            var transfer = Fixture("transfer");
            var id = $"tr_{Guid.NewGuid():N}";
            var amount = long.Parse(form["amount"].ToString(), CultureInfo.InvariantCulture);
            var destination = form["destination"].ToString();
            transfer["id"] = id;
            transfer["amount"] = amount;
            transfer["currency"] = form["currency"].ToString();
            transfer["destination"] = destination;
            transfer["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            transfer["transfer_group"] = form.TryGetValue("transfer_group", out var group) ? group.ToString() : null;
            transfer["source_transaction"] = form.TryGetValue("source_transaction", out var source) ? source.ToString() : null;
            transfer["reversals"]!["url"] = $"/v1/transfers/{id}/reversals";
            transfer["metadata"] = Nested(form, "metadata");
            server._objects[id] = server.Stamp(transfer);
            server._balances.AddOrUpdate(destination, amount, (_, b) => b + amount);
            // The platform's balance pays the transfer: Stripe records it as a negative balance transaction of type transfer.
            transfer["balance_transaction"] = (string)server.AddBalanceTransaction("transfer", -amount, 0, id, DateTimeOffset.UtcNow)["id"]!;
            return (200, Public(transfer));
        });
        server.Post("/v1/transfers/{id}/reversals", (form, id) =>
        {
            if (!server._objects.TryGetValue(id!, out var transfer) || (string?)transfer["object"] != "transfer")
            {
                return (404, ErrorBody("invalid_request_error", $"No such transfer: '{id}'"));
            }

            var remaining = (long)transfer["amount"]! - (long)transfer["amount_reversed"]!;
            var amount = form.TryGetValue("amount", out var requested) ? long.Parse(requested.ToString(), CultureInfo.InvariantCulture) : remaining;
            if (amount > remaining)
            {
                return (400, ErrorBody("invalid_request_error", $"Amount ({amount}) is greater than the unreversed amount on the transfer ({remaining})."));
            }

            var reversal = Fixture("transfer_reversal");
            reversal["id"] = $"trr_{Guid.NewGuid():N}";
            reversal["amount"] = amount;
            reversal["transfer"] = id;
            reversal["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            reversal["metadata"] = Nested(form, "metadata");
            reversal["balance_transaction"] = (string)server.AddBalanceTransaction("transfer_refund", amount, 0, (string)reversal["id"]!, DateTimeOffset.UtcNow)["id"]!;
            server._objects[(string)reversal["id"]!] = server.Stamp(reversal);
            transfer["amount_reversed"] = (long)transfer["amount_reversed"]! + amount;
            transfer["reversed"] = (long)transfer["amount_reversed"]! == (long)transfer["amount"]!;
            ((JsonArray)transfer["reversals"]!["data"]!).Add(Public(reversal));
            server._balances.AddOrUpdate((string)transfer["destination"]!, -amount, (_, b) => b - amount);
            return (200, Public(reversal));
        });
        server.Post("/v1/refunds", (form, _) =>
        {
            var chargeId = form["charge"].ToString();
            if (!server._objects.TryGetValue(chargeId, out var charge))
            {
                return (404, ErrorBody("invalid_request_error", $"No such charge: '{chargeId}'"));
            }

            var amount = form.TryGetValue("amount", out var requested)
                ? long.Parse(requested.ToString(), CultureInfo.InvariantCulture)
                : (long)charge["amount"]! - (long)charge["amount_refunded"]!;
            var refund = Fixture("refund");
            refund["id"] = $"re_{Guid.NewGuid():N}";
            refund["amount"] = amount;
            refund["charge"] = chargeId;
            refund["payment_intent"] = charge["payment_intent"]?.DeepClone();
            refund["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            refund["status"] = "succeeded";
            refund["metadata"] = Nested(form, "metadata");
            refund["balance_transaction"] = (string)server.AddBalanceTransaction("refund", -amount, 0, (string)refund["id"]!, DateTimeOffset.UtcNow)["id"]!;
            server._objects[(string)refund["id"]!] = server.Stamp(refund);
            charge["amount_refunded"] = (long)charge["amount_refunded"]! + amount;
            charge["refunded"] = (long)charge["amount_refunded"]! == (long)charge["amount"]!;
            ((JsonArray)charge["refunds"]!["data"]!).Add(Public(refund));
            return (200, Public(refund));
        });
        server.Get("/v1/charges/{id}", id => server.Find(id, "charge"));
        server.Get("/v1/balance_transactions/{id}", id => server.Find(id, "balance_transaction"));
        server.Get("/v1/accounts/{id}", id => server.Find(id, "account"));
        app.MapGet("/v1/balance", async (HttpRequest request) =>
        {
            await server.RecordAsync(request);
            var account = request.Headers["Stripe-Account"].FirstOrDefault() ?? "platform";
            var balance = Fixture("balance");
            balance["available"]![0]!["amount"] = server._balances.GetValueOrDefault(account);
            balance["available"]![0]!["source_types"]!["card"] = server._balances.GetValueOrDefault(account);
            return Json(200, balance);
        });
        app.MapGet("/v1/balance_transactions", async (HttpRequest request) =>
        {
            await server.RecordAsync(request);
            if (server.Fault(request.Path) is { } fault)
            {
                return await FaultResultAsync(server, fault);
            }

            var limit = int.TryParse(request.Query["limit"], out var l) ? Math.Clamp(l, 1, 100) : 10;
            var after = request.Query["starting_after"].FirstOrDefault();
            long? gte = long.TryParse(request.Query["created[gte]"], out var g) ? g : null;
            long? lt = long.TryParse(request.Query["created[lt]"], out var t) ? t : null;
            List<JsonObject> all;
            lock (server._gate)
            {
                // Stripe lists newest first.
                all = [.. server._balanceTransactions
                    .Where(b => (gte is null || (long)b["created"]! >= gte) && (lt is null || (long)b["created"]! < lt))
                    .OrderByDescending(b => (long)b["created"]!).ThenByDescending(b => (long)b["_seq"]!)];
            }

            var start = after is null ? 0 : all.FindIndex(b => (string?)b["id"] == after) + 1;
            var page = all.Skip(start).Take(limit).ToList();
            return Json(200, new JsonObject
            {
                ["object"] = "list",
                ["url"] = "/v1/balance_transactions",
                ["has_more"] = start + page.Count < all.Count,
                ["data"] = new JsonArray([.. page.Select(p => (JsonNode)Public(p))]),
            });
        });

        await app.StartAsync();
        return server;
    }

    /// <summary>An error body shaped as Stripe's: <c>{"error": {"type", "message"}}</c>.</summary>
    private static JsonObject ErrorBody(string type, string message) =>
        new() { ["error"] = new JsonObject { ["type"] = type, ["message"] = message } };

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

    private long _sequence;

    private JsonObject Stamp(JsonObject stripeObject)
    {
        stripeObject["_seq"] = Interlocked.Increment(ref _sequence);
        return stripeObject;
    }

    /// <summary>The object as Stripe would send it: without the server's own bookkeeping fields.</summary>
    private static JsonObject Public(JsonObject stripeObject)
    {
        var copy = (JsonObject)stripeObject.DeepClone();
        foreach (var key in copy.Select(p => p.Key).Where(k => k.StartsWith('_')).ToList())
        {
            copy.Remove(key);
        }

        return copy;
    }

    private (int, JsonObject) Find(string? id, string objectType) =>
        id is not null && _objects.TryGetValue(id, out var found) && (string?)found["object"] == objectType
            ? (200, Public(found))
            : (404, ErrorBody("invalid_request_error", $"No such {objectType}: '{id}'"));

    private void Get(string pattern, Func<string?, (int Status, JsonObject Body)> answer) =>
        _app.MapGet(pattern, async (HttpRequest request) =>
        {
            await RecordAsync(request);
            if (Fault(request.Path) is { } fault)
            {
                return await FaultResultAsync(this, fault);
            }

            var (status, body) = answer(request.RouteValues["id"]?.ToString());
            return Json(status, body);
        });

    /// <summary>A POST endpoint with Stripe's idempotency: a repeated key gets the first answer, and the effect happens once.</summary>
    private void Post(string pattern, Func<Dictionary<string, StringValues>, string?, (int Status, JsonObject Body)> answer) =>
        _app.MapPost(pattern, async (HttpRequest request) =>
        {
            var form = await RecordAsync(request);
            var fault = Fault(request.Path);
            if (fault is StripeFault.ServerError or StripeFault.RateLimited)
            {
                return await FaultResultAsync(this, fault.Value);
            }

            var key = request.Headers["Idempotency-Key"].FirstOrDefault();
            var scope = $"{request.Headers["Stripe-Account"].FirstOrDefault()}|{key}";
            (int Status, string Body) result;
            lock (_gate)
            {
                if (key is null || !_idempotent.TryGetValue(scope, out result))
                {
                    var (status, body) = answer(form, request.RouteValues["id"]?.ToString());
                    result = (status, body.ToJsonString());
                    // Stripe keeps the first answer to a key, errors included, except 5xx (nothing was done, so a retry may run).
                    if (key is not null && status < 500)
                    {
                        _idempotent[scope] = result;
                    }
                }
            }

            if (fault is StripeFault.Timeout)
            {
                await Task.Delay(TimeoutDelay);
            }

            return Results.Content(result.Body, "application/json", Encoding.UTF8, result.Status);
        });

    private StripeFault? Fault(string path)
    {
        while (_faults.TryGetValue(path, out var entry) && entry.Remaining > 0)
        {
            if (_faults.TryUpdate(path, (entry.Fault, entry.Remaining - 1), entry))
            {
                return entry.Fault;
            }
        }

        return null;
    }

    private static async Task<IResult> FaultResultAsync(LocalStripeServer server, StripeFault fault)
    {
        switch (fault)
        {
            case StripeFault.RateLimited:
                return Json(429, new JsonObject
                {
                    ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["code"] = "rate_limit", ["message"] = "Too many requests hit the API too quickly." },
                });
            case StripeFault.Timeout:
                await Task.Delay(server.TimeoutDelay);
                return Json(500, ErrorBody("api_error", "The request timed out."));
            default:
                return Json(500, ErrorBody("api_error", "An unknown error occurred."));
        }
    }

    private static IResult Json(int status, JsonObject body) => Results.Content(body.ToJsonString(), "application/json", Encoding.UTF8, status);

    /// <summary>Stripe's form encoding of a hash (<c>metadata[invoice_id]=…</c>) back into an object.</summary>
    private static JsonObject Nested(Dictionary<string, StringValues> form, string prefix)
    {
        var result = new JsonObject();
        foreach (var (key, value) in form.Where(f => f.Key.StartsWith(prefix + "[", StringComparison.Ordinal)))
        {
            var name = key[(prefix.Length + 1)..];
            if (name.EndsWith(']') && !name[..^1].Contains('['))
            {
                result[name[..^1]] = value.ToString();
            }
        }

        return result;
    }

    private async Task<Dictionary<string, StringValues>> RecordAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var form = QueryHelpers.ParseQuery(await reader.ReadToEndAsync());
        _calls.Enqueue(new StripeCall(request.Method, request.Path, form, request.Headers["Idempotency-Key"].FirstOrDefault(),
            request.Headers.Authorization.FirstOrDefault(), request.Headers["Stripe-Account"].FirstOrDefault(), request.QueryString.Value ?? ""));
        return form;
    }
}
