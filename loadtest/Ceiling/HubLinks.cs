using TangerangLive.LoadTest.Core;
using TangerangLive.LoadTest.Run;

namespace TangerangLive.LoadTest.Ceiling;

/// <summary>
/// Every officer's SIGAP hub connection for the hub path: opened before the ramp (not measured, with
/// progress), officer i on server i mod servers, kept alive with SignalR pings while idle, and
/// reopened on demand when one broke (the reconnect counts in that heartbeat's latency).
/// </summary>
internal sealed class HubLinks : IDisposable
{
    private static readonly TimeSpan PingAfter = TimeSpan.FromSeconds(10);
    private readonly IReadOnlyList<Uri> _hubs;
    private readonly CeilingCast _cast;
    private readonly RawHubConnection?[] _links;
    private readonly SemaphoreSlim[] _opening;
    private readonly Timer _keepAlive;

    public HubLinks(IReadOnlyList<Uri> bases, CeilingCast cast)
    {
        _hubs = [.. bases.Select(b => new UriBuilder(b) { Scheme = b.Scheme == "https" ? "wss" : "ws", Path = "/hubs/officer" }.Uri)];
        _cast = cast;
        _links = new RawHubConnection?[cast.Fleet.Officers.Count];
        _opening = [.. _links.Select(_ => new SemaphoreSlim(1, 1))];
        _keepAlive = new Timer(_ => KeepAlive(), null, PingAfter, PingAfter);
    }

    /// <summary>Opens every officer's connection, 64 at a time, saying how far it got every 5 s.</summary>
    public async Task OpenAllAsync(Action<string> say, CancellationToken cancellation)
    {
        var started = MonotonicClock.Now;
        var done = 0;
        var all = Enrolment.ForEachAsync(_cast.Fleet.Officers, async officer =>
        {
            await LinkAsync(officer, cancellation);
            Interlocked.Increment(ref done);
        }, cancellation, parallel: 64);
        while (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5), cancellation)) != all)
        {
            say($"  hub connections: {Volatile.Read(ref done):N0} of {_links.Length:N0} after {MonotonicClock.Since(started).TotalSeconds:F0} s");
        }

        await all;
        say($"{_links.Length:N0} hub connections open in {MonotonicClock.Since(started).TotalSeconds:F1} s");
    }

    /// <summary>The officer's open connection, reopened if it broke.</summary>
    public async Task<RawHubConnection> LinkAsync(SimOfficer officer, CancellationToken cancellation)
    {
        if (Volatile.Read(ref _links[officer.Index]) is { Open: true } link)
        {
            return link;
        }

        await _opening[officer.Index].WaitAsync(cancellation);
        try
        {
            if (_links[officer.Index] is { Open: true } opened)
            {
                return opened;
            }

            _links[officer.Index]?.Dispose();
            var hub = _hubs[officer.Index % _hubs.Count];
            var fresh = await RawHubConnection.OpenAsync(hub, officer.Token ?? string.Empty, cancellation);
            Volatile.Write(ref _links[officer.Index], fresh);
            return fresh;
        }
        finally
        {
            _opening[officer.Index].Release();
        }
    }

    public void Dispose()
    {
        _keepAlive.Dispose();
        foreach (var link in _links)
        {
            link?.Dispose();
        }

        foreach (var gate in _opening)
        {
            gate.Dispose();
        }
    }

    private void KeepAlive()
    {
        foreach (var link in _links)
        {
            if (link is not null)
            {
                _ = link.KeepAliveAsync(PingAfter);
            }
        }
    }
}
