using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace TangerangLive.LoadTest.Run;

/// <summary>
/// Heartbeats laid out as the bytes of whole HTTP/1.1 requests, as the SIGAP app (a JSON POST with the
/// officer's bearer token) and an OsmAnd tracker (a GET with the fix in the query) send them, for the
/// raw connections of <see cref="Core.RawHttpPool"/>. Nothing is allocated but the caller's buffer.
/// </summary>
internal static class HeartbeatRequests
{
    /// <summary>Room enough for any request laid out here (a 600-character token included).</summary>
    public const int MaxBytes = 4096;
    private const double KnotsPerMetreSecond = 1.943_844;

    /// <summary>"Host: h:p\r\n" for a server.</summary>
    public static byte[] HostLine(Uri server) => Encoding.ASCII.GetBytes($"Host: {server.Authority}\r\n");

    /// <summary>"Authorization: Bearer t\r\n".</summary>
    public static byte[] BearerLine(string token) => Encoding.ASCII.GetBytes($"Authorization: Bearer {token}\r\n");

    /// <summary><c>POST /api/me/heartbeat</c> with the officer's position, accuracy, speed and battery.</summary>
    public static int Sigap(Span<byte> into, ReadOnlySpan<byte> host, ReadOnlySpan<byte> bearer, SimOfficer officer, double lat, double lon)
    {
        Span<byte> body = stackalloc byte[512];
        var length = Position(body, officer, lat, lon);
        return JsonPost(into, "/api/me/heartbeat"u8, host, bearer, [], body[..length]);
    }

    /// <summary>
    /// The same position as a SignalR JSON-protocol invocation of the officer hub's <c>Heartbeat</c>, with its
    /// invocation id and the record separator: one WebSocket message on the app's hub connection.
    /// </summary>
    public static int HubHeartbeat(Span<byte> into, long invocationId, SimOfficer officer, double lat, double lon)
    {
        Check(Utf8.TryWrite(into, CultureInfo.InvariantCulture, $$"""{"type":1,"invocationId":"{{invocationId}}","target":"Heartbeat","arguments":[""", out var n));
        n += Position(into[n..], officer, lat, lon);
        n += Append(into[n..], "]}\u001e"u8);
        return n;
    }

    /// <summary>The heartbeat's JSON body: position, device time, accuracy, speed and battery.</summary>
    private static int Position(Span<byte> into, SimOfficer officer, double lat, double lon)
    {
        Check(Utf8.TryWrite(into, CultureInfo.InvariantCulture,
            $$"""{"lat":{{lat:R}},"lon":{{lon:R}},"deviceTime":"{{DateTimeOffset.UtcNow:O}}","accuracy":{{5 + (officer.Index % 10)}},"speed":{{officer.Speed * 3.6:R}},"battery":{{Math.Round(officer.Battery):R}}}""",
            out var length));
        return length;
    }

    /// <summary><c>GET /osmand?id=..&amp;lat&amp;lon&amp;timestamp&amp;speed&amp;accuracy&amp;batt</c>, as OsmAnd and Traccar Client send a fix.</summary>
    public static int OsmAnd(Span<byte> into, ReadOnlySpan<byte> host, SimOfficer officer, double lat, double lon)
    {
        Check(Utf8.TryWrite(into, CultureInfo.InvariantCulture,
            $"GET /osmand?id={officer.TrackingDeviceId}&lat={lat:F6}&lon={lon:F6}&timestamp={DateTimeOffset.UtcNow.ToUnixTimeSeconds()}&speed={officer.Speed * KnotsPerMetreSecond:F1}&accuracy={8 + (officer.Index % 10)}&batt={officer.Battery:F0} HTTP/1.1\r\n",
            out var n));
        n += Append(into[n..], host);
        n += Append(into[n..], "\r\n"u8);
        return n;
    }

    /// <summary>A JSON POST: request line, Host, Authorization, extra header lines, Content-Type and -Length, body.</summary>
    public static int JsonPost(Span<byte> into, ReadOnlySpan<byte> path, ReadOnlySpan<byte> host, ReadOnlySpan<byte> authorization, ReadOnlySpan<byte> extra, ReadOnlySpan<byte> body)
    {
        var n = Append(into, "POST "u8);
        n += Append(into[n..], path);
        n += Append(into[n..], " HTTP/1.1\r\n"u8);
        n += Append(into[n..], host);
        n += Append(into[n..], authorization);
        n += Append(into[n..], extra);
        n += Append(into[n..], "Content-Type: application/json; charset=utf-8\r\n"u8);
        Check(Utf8.TryWrite(into[n..], CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n", out var written));
        n += written;
        n += Append(into[n..], body);
        return n;
    }

    public static void Check(bool written)
    {
        if (!written)
        {
            throw new InvalidOperationException("A load request did not fit its buffer.");
        }
    }

    private static int Append(Span<byte> to, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(to);
        return bytes.Length;
    }
}
