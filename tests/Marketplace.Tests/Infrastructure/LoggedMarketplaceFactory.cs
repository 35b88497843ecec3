using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Tests.Infrastructure;

public sealed record CapturedLog(string Category, LogLevel Level, string Message, Exception? Exception);

/// <summary>
/// The app of <see cref="MarketplaceFactory"/>, keeping every warning and error it logs (whatever Serilog's levels say), so a
/// test can assert that hostile input produced no unhandled-exception log line. Not sealed: a test class's fixture
/// derives from it to add its settings.
/// </summary>
public class LoggedMarketplaceFactory : MarketplaceFactory
{
    private readonly ConcurrentQueue<CapturedLog> _logs = new();

    public IReadOnlyList<CapturedLog> Logs => [.. _logs];

    /// <summary>
    /// Errors, and anything logged with an exception: what a crash leaves behind (ASP.NET Core's "An unhandled exception has
    /// occurred…"). AutoMapper's start-up complaint about the licence key tests do not configure is not one.
    /// </summary>
    public IReadOnlyList<CapturedLog> Failures =>
        [.. _logs.Where(l => (l.Level >= LogLevel.Error || l.Exception is not null) && !l.Category.StartsWith("LuckyPennySoftware.", StringComparison.Ordinal))];

    public void AssertNoFailures()
    {
        var failures = Failures;
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Select(f => $"{f.Level} {f.Category}: {f.Message} {f.Exception}")));
    }

    /// <summary>A browser session whose requests arrive from <paramref name="address"/> (the in-process server takes it from here).</summary>
    public BrowserClient From(string address, string baseAddress = "http://localhost") =>
        new(new HttpClient(new CookieContainerHandler { InnerHandler = Server.CreateHandler(http => http.Connection.RemoteIpAddress = IPAddress.Parse(address)) })
        {
            BaseAddress = new Uri(baseAddress),
        });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            // Serilog registers the logger factory; wrap whichever one the app ended up with.
            var registered = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
            services.Remove(registered);
            services.AddSingleton<ILoggerFactory>(provider => new TeeLoggerFactory(Inner(provider, registered), _logs));
        });
    }

    private static ILoggerFactory Inner(IServiceProvider provider, ServiceDescriptor registered) =>
        registered.ImplementationInstance as ILoggerFactory
        ?? (registered.ImplementationFactory is { } factory
            ? (ILoggerFactory)factory(provider)
            : (ILoggerFactory)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!));

    private sealed class TeeLoggerFactory(ILoggerFactory inner, ConcurrentQueue<CapturedLog> logs) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new TeeLogger(categoryName, inner.CreateLogger(categoryName), logs);

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class TeeLogger(string category, ILogger inner, ConcurrentQueue<CapturedLog> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning || inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                logs.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), exception));
            }

            if (inner.IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
