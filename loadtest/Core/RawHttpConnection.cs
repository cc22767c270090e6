using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TangerangLive.LoadTest.Core;

/// <summary>
/// One keep-alive HTTP/1.1 connection that sends a request already laid out in bytes and reads the
/// answer's status line, headers and body (Content-Length or chunked) without materialising them:
/// the load generator's cost per request is a send, a receive or two and a scan of the bytes, so a
/// ceiling measures the server rather than the client. The body is skipped; only the status is kept.
/// Not thread-safe: a <see cref="RawHttpPool"/> lends it to one request at a time.
/// </summary>
internal sealed class RawHttpConnection : IDisposable
{
    private const int BufferSize = 16 * 1024;
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;

    private RawHttpConnection(Socket socket) => _socket = socket;

    /// <summary>False once the server asked to close or the connection broke; the pool drops it.</summary>
    public bool Reusable { get; private set; } = true;

    public static async Task<RawHttpConnection> OpenAsync(EndPoint endpoint, CancellationToken cancellation)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellation);
            return new RawHttpConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="request"/> (a whole HTTP/1.1 request) and returns the answer's status and whether it had Retry-After.</summary>
    public async ValueTask<RawAnswer> SendAsync(ReadOnlyMemory<byte> request, CancellationToken cancellation)
    {
        Reusable = false;
        while (!request.IsEmpty)
        {
            var sent = await _socket.SendAsync(request, SocketFlags.None, cancellation);
            request = request[sent..];
        }

        var headerEnd = await FindAsync(HeaderEnd, cancellation);
        var head = _buffer.AsSpan(_start, headerEnd - _start);
        var status = Status(head);
        var close = HasHeader(head, "connection:"u8, "close"u8);
        var chunked = HasHeader(head, "transfer-encoding:"u8, "chunked"u8);
        var retryAfter = !HeaderValue(head, "retry-after:"u8).IsEmpty;
        var length = ContentLength(head);
        _start = headerEnd + 4;
        if (chunked)
        {
            await SkipChunksAsync(cancellation);
        }
        else if (length > 0)
        {
            await SkipAsync(length, cancellation);
        }
        else if (length < 0 && status is not (204 or 304) && status >= 200)
        {
            close = true; // a body delimited by the end of the connection: not reusable
        }

        Reusable = !close;
        return new RawAnswer(status, retryAfter);
    }

    public void Dispose() => _socket.Dispose();

    private async ValueTask SkipChunksAsync(CancellationToken cancellation)
    {
        while (true)
        {
            var lineEnd = await FindAsync(LineEnd, cancellation);
            var line = _buffer.AsSpan(_start, lineEnd - _start);
            var semicolon = line.IndexOf((byte)';');
            if (!Utf8Parser.TryParse(semicolon >= 0 ? line[..semicolon] : line, out long size, out _, 'x'))
            {
                throw new IOException("Malformed chunk size in the answer.");
            }

            _start = lineEnd + 2;
            if (size == 0)
            {
                // Trailers (none expected) end with an empty line.
                while (true)
                {
                    var trailerEnd = await FindAsync(LineEnd, cancellation);
                    var empty = trailerEnd == _start;
                    _start = trailerEnd + 2;
                    if (empty)
                    {
                        return;
                    }
                }
            }

            await SkipAsync(size + 2, cancellation);
        }
    }

    private async ValueTask SkipAsync(long count, CancellationToken cancellation)
    {
        while (true)
        {
            var available = _end - _start;
            if (available >= count)
            {
                _start += (int)count;
                return;
            }

            count -= available;
            _start = _end = 0;
            await FillAsync(cancellation);
        }
    }

    /// <summary>The index in the buffer where <paramref name="marker"/> starts, reading more until it is there.</summary>
    private async ValueTask<int> FindAsync(ReadOnlyMemory<byte> marker, CancellationToken cancellation)
    {
        while (true)
        {
            var at = _buffer.AsSpan(_start, _end - _start).IndexOf(marker.Span);
            if (at >= 0)
            {
                return _start + at;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                (_end, _start) = (_end - _start, 0);
            }

            if (_end == _buffer.Length)
            {
                throw new IOException($"The answer's headers are longer than {BufferSize} bytes.");
            }

            await FillAsync(cancellation);
        }
    }

    private async ValueTask FillAsync(CancellationToken cancellation)
    {
        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellation);
        if (read == 0)
        {
            throw new IOException("The server closed the connection before the answer was complete.");
        }

        _end += read;
    }

    private static int Status(ReadOnlySpan<byte> head)
    {
        // "HTTP/1.1 200 OK"
        if (head.Length < 12 || !head.StartsWith("HTTP/1."u8) || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out _))
        {
            throw new IOException("Malformed status line in the answer.");
        }

        return status;
    }

    private static long ContentLength(ReadOnlySpan<byte> head)
    {
        var value = HeaderValue(head, "content-length:"u8);
        return !value.IsEmpty && Utf8Parser.TryParse(value, out long length, out _) ? length : -1;
    }

    private static bool HasHeader(ReadOnlySpan<byte> head, ReadOnlySpan<byte> name, ReadOnlySpan<byte> token) =>
        HeaderValue(head, name) is { IsEmpty: false } value && Ascii.EqualsIgnoreCase(value, token);

    /// <summary>The trimmed value of the first header called <paramref name="name"/> (lower case, with its colon).</summary>
    private static ReadOnlySpan<byte> HeaderValue(ReadOnlySpan<byte> head, ReadOnlySpan<byte> name)
    {
        var rest = head;
        while (true)
        {
            var lineStart = rest.IndexOf("\r\n"u8);
            if (lineStart < 0)
            {
                return default;
            }

            rest = rest[(lineStart + 2)..];
            var lineEnd = rest.IndexOf("\r\n"u8);
            var line = lineEnd < 0 ? rest : rest[..lineEnd];
            if (line.Length >= name.Length && Ascii.EqualsIgnoreCase(line[..name.Length], name))
            {
                return line[name.Length..].Trim((byte)' ');
            }
        }
    }
}

/// <summary>What the load generator keeps of an answer: its status, and whether a 503 said when to come back.</summary>
internal readonly record struct RawAnswer(int Status, bool RetryAfter);
