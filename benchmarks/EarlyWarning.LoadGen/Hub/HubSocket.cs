using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;

namespace EarlyWarning.LoadGen.Hub;

/// <summary>
/// A light SignalR client: one <see cref="ClientWebSocket"/> speaking the JSON protocol straight
/// to <c>/hubs/alerts</c> (no negotiation), reading alerts and completions, sending invocations
/// and pings: a 4 KB receive buffer and a 512-byte record head a connection, far lighter than a full <c>HubConnection</c>.
/// </summary>
internal sealed class HubSocket : IAsyncDisposable
{
    private const int ReceiveBufferBytes = 4096;
    private const int RecordHeadBytes = 512;

    private static readonly byte[] HandshakeRequest = "{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray();
    private static readonly byte[] PingRecord = "{\"type\":6}\u001e"u8.ToArray();

    private readonly ClientWebSocket _ws = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly HubRecordReader _reader = new(RecordHeadBytes);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<InvocationOutcome>> _pending = new();
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ArrayBufferWriter<byte> _sendBuffer = new(160);
    private readonly Action<HubSocket, AlertSeen>? _onAlert;
    private Utf8JsonWriter? _json;
    private Task _receiving = Task.CompletedTask;
    private int _nextInvocationId;
    private long _lastSendTimestamp;
    private long _alerts;
    private volatile bool _closed;
    private string? _closeReason;

    private HubSocket(int index, Action<HubSocket, AlertSeen>? onAlert)
    {
        Index = index;
        _onAlert = onAlert;
    }

    /// <summary>The position of this connection in its fleet (and of its subscriber).</summary>
    public int Index { get; }

    public bool IsOpen => !_closed;

    /// <summary>Why the socket closed, as far as this side can tell (the server's close record, the WebSocket's close, an error); null while open or when disposed here.</summary>
    public string? CloseReason => Volatile.Read(ref _closeReason);

    /// <summary>Alerts received since connecting.</summary>
    public long Alerts => Interlocked.Read(ref _alerts);

    /// <summary>Connects, sends the JSON handshake and waits for its answer.</summary>
    public static async Task<HubSocket> ConnectAsync(
        Uri uri, HttpMessageInvoker invoker, int index, Action<HubSocket, AlertSeen>? onAlert, CancellationToken cancellationToken)
    {
        var socket = new HubSocket(index, onAlert);
        try
        {
            socket._ws.Options.KeepAliveInterval = TimeSpan.Zero;
            socket._ws.Options.CollectHttpResponseDetails = true;
            await socket._ws.ConnectAsync(uri, invoker, cancellationToken);
            socket._receiving = socket.ReceiveLoop();
            await socket.SendAsync(HandshakeRequest, cancellationToken);
            await socket._handshake.Task.WaitAsync(cancellationToken);
            return socket;
        }
        catch (WebSocketException ex) when (socket._ws.HttpStatusCode != 0 && socket._ws.HttpStatusCode != System.Net.HttpStatusCode.SwitchingProtocols)
        {
            await socket.DisposeAsync();
            throw new WebSocketException($"The hub answered {(int)socket._ws.HttpStatusCode} to the upgrade.", ex);
        }
        catch
        {
            await socket.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Invokes a hub method with two number arguments and waits for its completion. A closed
    /// socket or an error completion is a failed outcome; <paramref name="timeout"/> throws.
    /// </summary>
    public async Task<InvocationOutcome> InvokeAsync(string target, double first, double second, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextInvocationId);
        var completion = new TaskCompletionSource<InvocationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            _sendBuffer.ResetWrittenCount();
            var json = _json ??= new Utf8JsonWriter(_sendBuffer);
            json.Reset(_sendBuffer);
            json.WriteStartObject();
            json.WriteNumber("type"u8, (int)HubMessageType.Invocation);
            json.WriteString("invocationId"u8, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("target"u8, target);
            json.WriteStartArray("arguments"u8);
            json.WriteNumberValue(first);
            json.WriteNumberValue(second);
            json.WriteEndArray();
            json.WriteEndObject();
            json.Flush();
            _sendBuffer.Write([HubRecordReader.RecordSeparator]);
            await _ws.SendAsync(_sendBuffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            Volatile.Write(ref _lastSendTimestamp, Stopwatch.GetTimestamp());
        }
        catch
        {
            _pending.TryRemove(id, out _);
            throw;
        }
        finally
        {
            _sendLock.Release();
        }

        if (_closed)
        {
            completion.TrySetResult(new InvocationOutcome(false, Stopwatch.GetTimestamp()));
        }

        try
        {
            return await completion.Task.WaitAsync(timeout, cancellationToken);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Sends a SignalR ping when nothing was sent for <paramref name="idle"/>, so the server's
    /// client timeout (30 s by default) never closes an idle listener. Skips a busy socket.
    /// </summary>
    public async Task PingIfIdleAsync(TimeSpan idle)
    {
        var quietTicks = (long)(idle.TotalSeconds * Stopwatch.Frequency);
        if (_closed || Stopwatch.GetTimestamp() - Volatile.Read(ref _lastSendTimestamp) < quietTicks || !_sendLock.Wait(0))
        {
            return;
        }

        try
        {
            await _ws.SendAsync(PingRecord, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            Volatile.Write(ref _lastSendTimestamp, Stopwatch.GetTimestamp());
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException)
        {
            Interlocked.CompareExchange(ref _closeReason, $"ping failed: {ex.GetType().Name}: {(ex.InnerException ?? ex).Message}", null);
            _closed = true;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Interlocked.CompareExchange(ref _closeReason, "disposed here", null);
        _closed = true;
        _ws.Abort();
        _ws.Dispose();
        await _receiving;
        _json?.Dispose();
        _sendLock.Dispose();
    }

    private async Task SendAsync(byte[] record, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _ws.SendAsync(record, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            Volatile.Write(ref _lastSendTimestamp, Stopwatch.GetTimestamp());
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveLoop()
    {
        var buffer = new byte[ReceiveBufferBytes];
        try
        {
            while (true)
            {
                var result = await _ws.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Interlocked.CompareExchange(ref _closeReason, $"WebSocket close {_ws.CloseStatus} {_ws.CloseStatusDescription}".TrimEnd(), null);
                    break;
                }

                Consume(buffer.AsSpan(0, result.Count), Stopwatch.GetTimestamp());
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // Aborted by DisposeAsync, or the server went away: either way the socket is closed.
            Interlocked.CompareExchange(ref _closeReason, $"{ex.GetType().Name}: {(ex.InnerException ?? ex).Message}", null);
        }
        finally
        {
            Closed();
        }
    }

    private void Consume(ReadOnlySpan<byte> chunk, long arrivedTimestamp)
    {
        while (_reader.TryRead(ref chunk, out var record))
        {
            if (!_handshake.Task.IsCompleted)
            {
                if (record.HasError)
                {
                    _handshake.TrySetException(new WebSocketException("The hub refused the handshake."));
                }
                else
                {
                    _handshake.TrySetResult();
                }

                continue;
            }

            switch (record.Type)
            {
                case HubMessageType.Invocation when record.IsAlert:
                    Interlocked.Increment(ref _alerts);
                    _onAlert?.Invoke(this, new AlertSeen(record.CaseId ?? "", record.Version, record.Kind, arrivedTimestamp));
                    break;
                case HubMessageType.Completion when _pending.TryRemove(record.InvocationId, out var completion):
                    completion.TrySetResult(new InvocationOutcome(!record.HasError, arrivedTimestamp));
                    break;
                case HubMessageType.Close:
                    Interlocked.CompareExchange(ref _closeReason, $"server's close record{(record.HasError ? $": {record.Error}" : "")}", null);
                    _closed = true;
                    break;
            }
        }
    }

    private void Closed()
    {
        _closed = true;
        _handshake.TrySetException(new WebSocketException("The hub connection closed before the handshake was answered."));
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var completion))
            {
                completion.TrySetResult(new InvocationOutcome(false, Stopwatch.GetTimestamp()));
            }
        }
    }
}
