using System.Collections.Concurrent;
using System.Net;

namespace TangerangLive.LoadTest.Core;

/// <summary>
/// Up to N keep-alive <see cref="RawHttpConnection"/>s to one server, as a load balancer or a
/// fleet of phones would hold them: a request takes an idle connection, opens a new one while fewer
/// than N exist, or waits its turn (the wait counts in its latency, which runs from the intended
/// send time). A connection that failed or that the server closes is dropped and replaced on demand.
/// </summary>
internal sealed class RawHttpPool : IDisposable
{
    private readonly EndPoint _endpoint;
    private readonly ConcurrentBag<RawHttpConnection> _idle = [];
    private readonly SemaphoreSlim _slots;
    private int _open;

    public RawHttpPool(Uri server, int connections)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(connections);
        if (!IPAddress.TryParse(server.Host, out var address))
        {
            address = server.IsLoopback ? IPAddress.Loopback : throw new ArgumentException($"Use an IP address for the load target, not {server.Host}.", nameof(server));
        }

        _endpoint = new IPEndPoint(address, server.Port);
        _slots = new SemaphoreSlim(connections, connections);
    }

    /// <summary>Connections open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Sends a whole HTTP/1.1 request and returns the answer's status; throws IOException/SocketException on a broken connection.</summary>
    public async Task<RawAnswer> SendAsync(ReadOnlyMemory<byte> request, CancellationToken cancellation)
    {
        await _slots.WaitAsync(cancellation);
        RawHttpConnection? connection = null;
        try
        {
            if (!_idle.TryTake(out connection))
            {
                connection = await RawHttpConnection.OpenAsync(_endpoint, cancellation);
                Interlocked.Increment(ref _open);
            }

            var answer = await connection.SendAsync(request, cancellation);
            if (connection.Reusable)
            {
                _idle.Add(connection);
                connection = null;
            }

            return answer;
        }
        finally
        {
            if (connection is not null)
            {
                connection.Dispose();
                Interlocked.Decrement(ref _open);
            }

            _slots.Release();
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }

        _slots.Dispose();
    }
}
