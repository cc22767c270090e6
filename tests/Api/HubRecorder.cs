using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Api;

/// <summary>Records what a hub pushes of one kind, and waits for a push that matches.</summary>
public sealed class HubRecorder<T>
{
    private readonly Channel<T> _pushes = Channel.CreateUnbounded<T>();
    private readonly List<T> _seen = [];

    public HubRecorder(HubConnection connection, string method) => connection.On<T>(method, push => _pushes.Writer.TryWrite(push));

    /// <summary>Everything received so far, in order.</summary>
    public IReadOnlyList<T> Seen
    {
        get
        {
            Drain();
            lock (_seen)
            {
                return _seen.ToList();
            }
        }
    }

    /// <summary>Waits for a push that matches; the timeout message says what was awaited.</summary>
    public async Task<T> WaitForAsync(Func<T, bool> match, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        lock (_seen)
        {
            Drain();
            foreach (var push in _seen.Where(match))
            {
                return push;
            }
        }

        using var cancel = new CancellationTokenSource(limit);
        try
        {
            while (await _pushes.Reader.WaitToReadAsync(cancel.Token))
            {
                while (_pushes.Reader.TryRead(out var push))
                {
                    lock (_seen)
                    {
                        _seen.Add(push);
                    }

                    if (match(push))
                    {
                        return push;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new TimeoutException($"Waited {limit.TotalSeconds} s for {what}; received {Seen.Count} {typeof(T).Name} pushes.");
    }

    private void Drain()
    {
        lock (_seen)
        {
            while (_pushes.Reader.TryRead(out var push))
            {
                _seen.Add(push);
            }
        }
    }
}

/// <summary>Connects the real SignalR .NET client to a silo's hub with a bearer token.</summary>
public static class Hubs
{
    public static async Task<HubConnection> ConnectAsync(SiloProcess silo, string path, string token)
    {
        var connection = Build(silo, path, token);
        await connection.StartAsync();
        return connection;
    }

    /// <summary>A connection not started yet: recorders added before <c>StartAsync</c> also see what the hub sends as it connects.</summary>
    public static HubConnection Build(SiloProcess silo, string path, string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(silo.Http.BaseAddress!, path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
}
