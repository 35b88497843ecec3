using Microsoft.Extensions.Caching.Memory;

namespace Marketplace.Web.Infrastructure.Identity;

/// <summary>
/// Counts events under keys for a while, in this instance's memory (each web instance counts its own): failed sign-ins,
/// wrong second-factor codes, reset e-mails. A counter expires with the window its first event opened.
/// </summary>
public sealed class FailureCounters : IDisposable
{
    private readonly MemoryCache _counters = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    public int Count(string key) => _counters.TryGetValue(key, out Counter? counter) ? counter!.Value : 0;

    public void Add(string key, TimeSpan window)
    {
        var counter = _counters.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = window;
            entry.Size = 1;
            return new Counter();
        });
        counter!.Add();
    }

    public void Clear(string key) => _counters.Remove(key);

    public void Dispose() => _counters.Dispose();

    private sealed class Counter
    {
        private int _value;

        public int Value => Volatile.Read(ref _value);

        public void Add() => Interlocked.Increment(ref _value);
    }
}
