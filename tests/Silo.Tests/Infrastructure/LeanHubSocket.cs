using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace EarlyWarning.Silo.Tests.Infrastructure;

/// <summary>
/// A hub connection as lean as the loadgen's: one <see cref="ClientWebSocket"/> speaking the JSON
/// protocol straight to <c>/hubs/alerts</c> without negotiation (as the pages do), keeping only
/// each alert's case, version and kind. Thousands fit in a test process where full
/// <c>HubConnection</c>s would not.
/// </summary>
public sealed class LeanHubSocket : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");

    private readonly ClientWebSocket _ws = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Lock _gate = new();
    private readonly List<SeenAlert> _alerts = [];
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiving = Task.CompletedTask;

    private LeanHubSocket(string subscriberId) => SubscriberId = subscriberId;

    /// <summary>Whose connection this is.</summary>
    public string SubscriberId { get; }

    /// <summary>False once the server closed it (or it was disposed).</summary>
    public bool IsOpen => _ws.State == WebSocketState.Open;

    /// <summary>The alerts received so far, in order.</summary>
    public IReadOnlyList<SeenAlert> Alerts
    {
        get
        {
            lock (_gate)
            {
                return [.. _alerts];
            }
        }
    }

    /// <summary>Connects to <paramref name="gateway"/>'s hub as <paramref name="token"/>'s subscriber and completes the handshake.</summary>
    public static async Task<LeanHubSocket> ConnectAsync(Uri gateway, string subscriberId, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var socket = new LeanHubSocket(subscriberId);
        try
        {
            socket._ws.Options.KeepAliveInterval = TimeSpan.Zero;
            await socket._ws.ConnectAsync(new Uri($"ws://{gateway.Authority}/hubs/alerts?access_token={Uri.EscapeDataString(token)}"), cancellationToken);
            socket._receiving = socket.Receive();
            await socket.SendAsync(Handshake, cancellationToken);
            await socket._handshake.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return socket;
        }
        catch
        {
            await socket.DisposeAsync();
            throw;
        }
    }

    /// <summary>A SignalR ping: the server closes a connection that sent nothing for 30 s.</summary>
    public async Task PingAsync()
    {
        if (!IsOpen)
        {
            return;
        }

        try
        {
            await SendAsync(Ping, CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException)
        {
            // Closed meanwhile: IsOpen says so.
        }
    }

    private async Task SendAsync(byte[] record, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _ws.SendAsync(record, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task Receive()
    {
        var buffer = new byte[4096];
        var record = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (true)
            {
                var result = await _ws.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                var chunk = buffer.AsSpan(0, result.Count);
                while (chunk.IndexOf(RecordSeparator) is var end and >= 0)
                {
                    record.Write(chunk[..end]);
                    Read(record.WrittenSpan);
                    record.ResetWrittenCount();
                    chunk = chunk[(end + 1)..];
                }

                record.Write(chunk);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // Aborted, or the gateway went away.
        }
        finally
        {
            _handshake.TrySetException(new WebSocketException("The hub closed before the handshake was answered."));
        }
    }

    private void Read(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        if (!_handshake.Task.IsCompleted)
        {
            if (root.TryGetProperty("error", out var error))
            {
                _handshake.TrySetException(new WebSocketException($"The hub refused the handshake: {error}"));
            }
            else
            {
                _handshake.TrySetResult();
            }

            return;
        }

        if (root.TryGetProperty("type", out var type) && type.GetInt32() == 1
            && root.GetProperty("target").GetString() == "alert")
        {
            var alert = root.GetProperty("arguments")[0];
            lock (_gate)
            {
                _alerts.Add(new SeenAlert(
                    alert.GetProperty("caseId").GetString()!, alert.GetProperty("version").GetInt64(), alert.GetProperty("kind").GetString()!));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _ws.Abort();
        await _receiving;
        _ws.Dispose();
        _sending.Dispose();
    }
}

/// <summary>An alert as a <see cref="LeanHubSocket"/> keeps it.</summary>
public sealed record SeenAlert(string CaseId, long Version, string Kind);
