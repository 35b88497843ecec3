using Microsoft.Extensions.Options;

namespace Marketplace.Web.Infrastructure.Identity;

public sealed class TwoFactorThrottleOptions
{
    public const string Section = "RateLimits:FailedTwoFactorCodes";

    /// <summary>How long a wrong code counts.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wrong codes for one account from one client.</summary>
    public int PerAccountAndClient { get; set; } = 5;

    /// <summary>Wrong codes from one client over any accounts.</summary>
    public int PerClient { get; set; } = 30;

    /// <summary>
    /// Wrong codes for one account from any clients. Lower than for passwords: whoever reaches this step already knows the
    /// password, and each guess of a six-digit code is worth more than a guess of a password.
    /// </summary>
    public int PerAccount { get; set; } = 10;
}

/// <summary>
/// Counts wrong authenticator and recovery codes (at sign-in and when turning two-factor on) by account and client, as
/// <see cref="SignInThrottle"/> counts wrong passwords, instead of Identity's lockout, which would also stop the password
/// step. Identity's authenticator accepts a code for two 30-second steps either side of now, so a guess has five chances in
/// a million; these limits keep guessing slow. A code is not refused for having been used before (Identity does not track
/// that): a code seen over someone's shoulder works for up to about two minutes.
/// </summary>
public sealed class TwoFactorThrottle(IOptions<TwoFactorThrottleOptions> options) : IDisposable
{
    private readonly FailureCounters _counters = new();

    public string BlockedMessage =>
        $"Too many wrong codes. Wait {Math.Max(1, (int)Math.Ceiling(options.Value.Window.TotalMinutes))} minutes and try again.";

    public bool IsBlocked(Guid userId, string client)
    {
        var limits = options.Value;
        return _counters.Count(AccountAndClient(userId, client)) >= limits.PerAccountAndClient
               || _counters.Count(Client(client)) >= limits.PerClient
               || _counters.Count(Account(userId)) >= limits.PerAccount;
    }

    public void Failed(Guid userId, string client)
    {
        var window = options.Value.Window;
        _counters.Add(AccountAndClient(userId, client), window);
        _counters.Add(Client(client), window);
        _counters.Add(Account(userId), window);
    }

    public void Succeeded(Guid userId, string client) => _counters.Clear(AccountAndClient(userId, client));

    public void Dispose() => _counters.Dispose();

    private static string AccountAndClient(Guid userId, string client) => $"a+c:{userId:N}|{client}";

    private static string Client(string client) => $"c:{client}";

    private static string Account(Guid userId) => $"a:{userId:N}";
}

/// <summary>Caps the password-reset e-mails one address receives (<see cref="AccountOptions.PasswordResetEmailsPerHour"/>), whoever asks.</summary>
public sealed class PasswordResetLimit(IOptions<AccountOptions> options) : IDisposable
{
    private readonly FailureCounters _counters = new();

    /// <summary>Counts one more e-mail for the address; false when the address already had its share this hour.</summary>
    public bool TryTake(string normalizedEmail)
    {
        var key = $"reset:{normalizedEmail}";
        if (_counters.Count(key) >= options.Value.PasswordResetEmailsPerHour)
        {
            return false;
        }

        _counters.Add(key, TimeSpan.FromHours(1));
        return true;
    }

    public void Dispose() => _counters.Dispose();
}
