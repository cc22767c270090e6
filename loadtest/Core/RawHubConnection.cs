using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;

namespace TangerangLive.LoadTest.Core;

/// <summary>
/// One phone's SignalR connection spoken at the wire: a WebSocket (no negotiate round trip), the JSON
/// protocol's handshake, then invocations laid out in bytes by the caller and completions matched to
/// them by invocation id. Pushes from the server (offers, pings) are read and ignored. Much lighter
/// than the SignalR client per connection, so ten thousand of them leave the server as the limit.
/// </summary>
internal sealed class RawHubConnection : IDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Handshake = "{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray();
    private static readonly byte[] Ping = "{\"type\":6}\u001e"u8.ToArray();

    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<HubAnswer>> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private long _nextId;
    private long _lastSentTicks;

    private RawHubConnection(ClientWebSocket socket) => _socket = socket;

    /// <summary>False once the server closed the connection or it broke.</summary>
    public bool Open => _socket.State == WebSocketState.Open && !_closing.IsCancellationRequested;

    /// <summary>Connects to <paramref name="hub"/> (ws://host/hubs/officer) with the token in the query and completes the handshake.</summary>
    public static async Task<RawHubConnection> OpenAsync(Uri hub, string token, CancellationToken cancellation)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetBuffer(4096, 1024);
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        try
        {
            await socket.ConnectAsync(new Uri($"{hub}?access_token={Uri.EscapeDataString(token)}"), cancellation);
            await socket.SendAsync(Handshake, WebSocketMessageType.Text, true, cancellation);
            var buffer = new byte[1024];
            var received = await socket.ReceiveAsync(buffer, cancellation);
            var answer = buffer.AsSpan(0, received.Count);
            if (received.MessageType == WebSocketMessageType.Close || answer.IndexOf(RecordSeparator) is < 0 || answer.IndexOf("\"error\""u8) >= 0)
            {
                throw new WebSocketException($"The hub refused the handshake: {System.Text.Encoding.UTF8.GetString(answer)}");
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new RawHubConnection(socket);
        _ = connection.ReadAsync();
        return connection;
    }

    /// <summary>The next invocation id for <see cref="InvokeAsync"/>.</summary>
    public long NextId() => Interlocked.Increment(ref _nextId);

    /// <summary>Sends an invocation laid out with id <paramref name="id"/> and waits for its completion.</summary>
    public async Task<HubAnswer> InvokeAsync(long id, ReadOnlyMemory<byte> message, CancellationToken cancellation)
    {
        var completion = new TaskCompletionSource<HubAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        try
        {
            // Registered before the check: a connection ending now either sees this invocation or is seen here.
            if (_closing.IsCancellationRequested)
            {
                throw new WebSocketException("The hub connection ended.");
            }

            await SendAsync(message, cancellation);
            using var registration = cancellation.Register(() => completion.TrySetCanceled(cancellation));
            return await completion.Task;
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Sends a ping when nothing was sent for <paramref name="idle"/>, so the server does not time the connection out between steps.</summary>
    public async Task KeepAliveAsync(TimeSpan idle)
    {
        if (Open && Environment.TickCount64 - Volatile.Read(ref _lastSentTicks) >= idle.TotalMilliseconds)
        {
            try
            {
                await SendAsync(Ping, _closing.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                Fail();
            }
        }
    }

    public void Dispose()
    {
        Fail();
        _socket.Dispose();
        _sendGate.Dispose();
    }

    private async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellation)
    {
        await _sendGate.WaitAsync(cancellation);
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, true, cancellation);
            Volatile.Write(ref _lastSentTicks, Environment.TickCount64);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>Reads messages until the connection ends, completing invocations by id.</summary>
    private async Task ReadAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var filled = 0;
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var received = await _socket.ReceiveAsync(buffer.AsMemory(filled), _closing.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                filled += received.Count;
                var start = 0;
                int end;
                while ((end = buffer.AsSpan(start, filled - start).IndexOf(RecordSeparator)) >= 0)
                {
                    Complete(buffer.AsSpan(start, end));
                    start += end + 1;
                }

                buffer.AsSpan(start, filled - start).CopyTo(buffer);
                filled -= start;
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Fail();
        }
    }

    /// <summary>Completes the invocation a completion message names; other messages (pushes, pings, close) are ignored.</summary>
    private void Complete(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        long? id = null;
        var type = 0;
        var ok = false;
        string? error = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8) && reader.Read())
            {
                type = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("invocationId"u8) && reader.Read())
            {
                id = long.TryParse(reader.GetString(), out var parsed) ? parsed : null;
            }
            else if (reader.ValueTextEquals("error"u8) && reader.Read())
            {
                error = reader.GetString();
            }
            else if (reader.ValueTextEquals("result"u8) && reader.Read())
            {
                ok = ResultOk(ref reader, ref error);
            }
            else if (reader.Read())
            {
                reader.Skip();
            }
        }

        if (type == 3 && id is { } key && _pending.TryRemove(key, out var completion))
        {
            completion.TrySetResult(new HubAnswer(error is null && ok, error));
        }
    }

    /// <summary>Reads a result object: its "ok" and "error" members (the engine's hub results carry both).</summary>
    private static bool ResultOk(ref Utf8JsonReader reader, ref string? error)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return true;
        }

        var ok = false;
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != depth + 1)
            {
                continue;
            }

            if (reader.ValueTextEquals("ok"u8) && reader.Read())
            {
                ok = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("error"u8) && reader.Read())
            {
                error = reader.TokenType == JsonTokenType.String ? reader.GetString() : error;
            }
            else if (reader.Read())
            {
                reader.Skip();
            }
        }

        return ok;
    }

    /// <summary>Ends the connection's reading and fails every invocation still waiting.</summary>
    private void Fail()
    {
        if (!_closing.IsCancellationRequested)
        {
            _closing.Cancel();
        }

        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var completion))
            {
                completion.TrySetException(new WebSocketException("The hub connection ended."));
            }
        }
    }
}

/// <summary>A hub invocation's completion: whether the engine applied it, or the error it sent.</summary>
internal readonly record struct HubAnswer(bool Ok, string? Error);
