using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// A minimal SMTP server on 127.0.0.1 that accepts every message and keeps its raw text, so tests can
/// check what MailKit really sent over the wire. It stops when disposed.
/// </summary>
public sealed class LocalSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public LocalSmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Points the app's e-mail at this server (plain SMTP, no STARTTLS) before it starts.</summary>
    public void Receive(MarketplaceFactory app)
    {
        app.Settings["Email:SmtpHost"] = "127.0.0.1";
        app.Settings["Email:SmtpPort"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Email:SmtpStartTls"] = "false";
    }

    public List<string> Messages { get; } = [];

    public List<string> Recipients { get; } = [];

    private TaskCompletionSource? _gate;
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// From now on each message's data is held, unaccepted, until <see cref="Release"/>: the sender
    /// waits inside its SMTP conversation, as with a slow relay.
    /// </summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first message is being held.</summary>
    public Task MessageHeld => _held.Task;

    public void Release() => _gate?.TrySetResult();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost test SMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-localhost");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "RCPT":
                    lock (Recipients)
                    {
                        Recipients.Add(line[(line.IndexOf(':') + 1)..].Trim(' ', '<', '>'));
                    }

                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var message = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } data && data != ".")
                    {
                        message.AppendLine(data);
                    }

                    if (_gate is { } gate)
                    {
                        _held.TrySetResult();
                        await gate.Task.WaitAsync(_stop.Token);
                    }

                    lock (Messages)
                    {
                        Messages.Add(message.ToString());
                    }

                    await writer.WriteLineAsync("250 OK queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 OK");
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Release();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
