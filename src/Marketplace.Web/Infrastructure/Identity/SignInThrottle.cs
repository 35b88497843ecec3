using Microsoft.Extensions.Options;

namespace Marketplace.Web.Infrastructure.Identity;

public sealed class SignInThrottleOptions
{
    public const string Section = "RateLimits:FailedSignIns";

    /// <summary>How long a failed sign-in counts.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures for one e-mail address from one client: a guesser, blocked without touching anyone else.</summary>
    public int PerAccountAndClient { get; set; } = 5;

    /// <summary>Failures from one client over any addresses: one password tried against many accounts.</summary>
    public int PerClient { get; set; } = 30;

    /// <summary>Failures for one address from any clients: a distributed guess. High, so that locking a district out takes many networks.</summary>
    public int PerAccount { get; set; } = 100;
}

/// <summary>
/// Counts failed sign-ins by e-mail address and client, instead of Identity's lockout, which locks an account after
/// a number of failures from anyone: a stranger could lock a district out with eight wrong passwords, and the "locked"
/// message, shown only for real accounts, told them which addresses exist. Counting by the address as typed treats an
/// unknown address exactly like a real one. Counters live in this instance's memory (each web instance counts its own);
/// they expire with their window.
/// </summary>
public sealed class SignInThrottle(IOptions<SignInThrottleOptions> options) : IDisposable
{
    private readonly FailureCounters _counters = new();

    /// <summary>What a blocked client is told, whatever the address: the same words for an account that exists and one that does not.</summary>
    public string BlockedMessage =>
        $"Too many failed sign-ins for this e-mail address from your network. Wait {Math.Max(1, (int)Math.Ceiling(options.Value.Window.TotalMinutes))} minutes and try again.";

    public bool IsBlocked(string email, string client)
    {
        var limits = options.Value;
        return Count(AccountAndClient(email, client)) >= limits.PerAccountAndClient
               || Count(Client(client)) >= limits.PerClient
               || Count(Account(email)) >= limits.PerAccount;
    }

    public void Failed(string email, string client)
    {
        Increment(AccountAndClient(email, client));
        Increment(Client(client));
        Increment(Account(email));
    }

    /// <summary>The right password from this client clears what this client got wrong for this address.</summary>
    public void Succeeded(string email, string client) => _counters.Clear(AccountAndClient(email, client));

    public void Dispose() => _counters.Dispose();

    private static string AccountAndClient(string email, string client) => $"a+c:{Normalize(email)}|{client}";

    private static string Client(string client) => $"c:{client}";

    private static string Account(string email) => $"a:{Normalize(email)}";

    private static string Normalize(string email) => email.Trim().ToUpperInvariant();

    private int Count(string key) => _counters.Count(key);

    private void Increment(string key) => _counters.Add(key, options.Value.Window);
}
