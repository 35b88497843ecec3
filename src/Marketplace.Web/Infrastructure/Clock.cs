namespace Marketplace.Web.Infrastructure;

/// <summary>Time for rules and records; tests replace it to move through deadlines.</summary>
public interface IClock
{
    DateTimeOffset Now { get; }
    DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
}

public sealed class SystemClock(TimeProvider time) : IClock
{
    public DateTimeOffset Now => time.GetUtcNow();
}
