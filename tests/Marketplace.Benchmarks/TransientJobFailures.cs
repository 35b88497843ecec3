using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Marketplace.Web.Features.Sanitization;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;

namespace Marketplace.Benchmarks;

/// <summary>
/// Test-only: the first run of one outbox job in ten throws, as a dropped connection or a lock timeout would, so the
/// outbox's own failure handling (error recorded, backoff, run again) does the recovery. Which jobs fail depends on the
/// outbox row's id alone, not on the order the jobs happen to run in. Also times the certificate job's command, from the
/// drawing of its PDF (which the app does ahead of the transaction) to the end of its handler.
/// </summary>
internal sealed class TransientJobFailures(int percent)
{
    private readonly ConcurrentDictionary<Guid, byte> _failed = new();
    private readonly ConcurrentBag<(Guid LotId, TimeSpan Elapsed)> _certificates = [];

    /// <summary>Off while a measurement must see every job run exactly once (the big lot's certificate).</summary>
    public volatile bool Enabled = true;

    private int _errors;

    public int Injected => _failed.Count;

    /// <summary>Jobs that failed of themselves, not by injection; the outbox retries them too, but they should not happen.</summary>
    public int Errors => _errors;

    public string? FirstError { get; private set; }

    public IReadOnlyCollection<(Guid LotId, TimeSpan Elapsed)> Certificates => _certificates;

    /// <summary>True the first time a chosen row runs; never again for that row.</summary>
    public bool FailsNow(Guid messageId) => Enabled && Chosen(messageId) && _failed.TryAdd(messageId, 0);

    public void Failed(object message, Exception error)
    {
        if (Interlocked.Increment(ref _errors) == 1)
        {
            FirstError = $"{message.GetType().FullName}: {error.GetType().Name}: {error.Message}";
        }
    }

    public void Certified(Guid lotId, TimeSpan elapsed) => _certificates.Add((lotId, elapsed));

    private bool Chosen(Guid messageId) => BitConverter.ToUInt32(SHA256.HashData(messageId.ToByteArray())) % 100 < percent;

    /// <summary>
    /// Registered as the certificate command's first preparation (ahead of the app's drawing) and scoped like it: the time the
    /// job's preparations began, read by <see cref="Behavior{TMessage,TResponse}"/> in the same scope.
    /// </summary>
    internal sealed class CertificateClock : IPreparation<IssueCertificate.Command>
    {
        public long? Started { get; private set; }

        public ValueTask PrepareAsync(IssueCertificate.Command message, CancellationToken cancellationToken)
        {
            Started ??= Stopwatch.GetTimestamp();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Registered innermost, inside the command's transaction: the throw rolls back the row's completion with the rest.</summary>
    internal sealed class Behavior<TMessage, TResponse>(OutboxScope outbox, TransientJobFailures failures, CertificateClock certificateClock) : IPipelineBehavior<TMessage, TResponse>
        where TMessage : IMessage
    {
        public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
        {
            if (outbox.CurrentMessageId is not { } id)
            {
                return await next(message, cancellationToken);
            }

            if (failures.FailsNow(id))
            {
                throw new TimeoutException($"Injected transient failure of outbox message {id}.");
            }

            var started = certificateClock.Started ?? Stopwatch.GetTimestamp();
            TResponse response;
            try
            {
                response = await next(message, cancellationToken);
            }
            catch (Exception ex)
            {
                failures.Failed(message, ex);
                throw;
            }

            if (message is IssueCertificate.Command certificate)
            {
                failures.Certified(certificate.LotId, Stopwatch.GetElapsedTime(started));
            }

            return response;
        }
    }
}
