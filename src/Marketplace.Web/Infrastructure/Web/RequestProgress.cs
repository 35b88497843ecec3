using System.Collections.Concurrent;

namespace Marketplace.Web.Infrastructure.Web;

/// <summary>
/// How far a long request has got (an erasure report of 50,000 media takes tens of seconds to check and record), for the
/// page that sent it to show a progress bar while the browser waits for the answer. The form carries a token of its own;
/// a state is kept per person, subject (the lot) and token, so nobody reads another's, and forgotten after
/// <see cref="Retention"/>. Kept in this process's memory: the request and the page's polls reach the same app (the
/// embedded deployment is one process; behind a load balancer, sticky sessions keep them together).
/// </summary>
public sealed class RequestProgress(TimeProvider time)
{
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(15);

    /// <summary>The longest token a form may carry (a GUID is 36 characters).</summary>
    public const int MaxTokenLength = 64;

    private readonly ConcurrentDictionary<(Guid User, Guid Subject, string Token), (State State, DateTimeOffset At)> _states = new();
    private readonly TimeProvider _time = time;

    /// <param name="Phase">What is being done, in words ("Checking rows").</param>
    /// <param name="Done">Units done so far (rows); 0 with <paramref name="Total"/> 0 while the total is not known.</param>
    public sealed record State(string Phase, int Done, int Total)
    {
        public int Percent => Total <= 0 ? 0 : (int)Math.Clamp(100L * Done / Total, 0, 100);
    }

    /// <summary>A reporter for one request, or a silent one when the form sent no usable token (no script ran).</summary>
    public IProgress<State> Track(Guid user, Guid subject, string? token)
    {
        if (!IsToken(token))
        {
            return Silent.Instance;
        }

        Forget(_time.GetUtcNow() - Retention);
        return new Reporter(this, (user, subject, token!));
    }

    public State? Of(Guid user, Guid subject, string? token) =>
        IsToken(token) && _states.TryGetValue((user, subject, token!), out var entry) ? entry.State : null;

    private static bool IsToken(string? token) => !string.IsNullOrWhiteSpace(token) && token.Length <= MaxTokenLength;

    private void Forget(DateTimeOffset before)
    {
        foreach (var (key, entry) in _states)
        {
            if (entry.At < before)
            {
                _states.TryRemove(key, out _);
            }
        }
    }

    private sealed class Reporter(RequestProgress owner, (Guid, Guid, string) key) : IProgress<State>
    {
        public void Report(State value) => owner._states[key] = (value, owner._time.GetUtcNow());
    }

    private sealed class Silent : IProgress<State>
    {
        public static readonly Silent Instance = new();

        public void Report(State value)
        {
        }
    }
}
