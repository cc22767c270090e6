using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Run;

/// <summary>
/// The officers' SignalR connections to <c>/hubs/officer</c> (WebSockets, no negotiation round trip),
/// spread over the silos by officer, pushes handed to <see cref="FieldWork"/>. A connection that
/// drops is counted and reconnects by itself.
/// </summary>
internal sealed class OfficerHubs(SiloClient client, RunLedger ledger, FieldWork fieldWork)
{
    public const string Connect = "setup: hub connect";
    private static readonly TimeSpan[] ReconnectDelays = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];

    /// <summary>Creates (first time) and starts the officer's connection; false when it could not connect.</summary>
    public async Task<bool> StartAsync(SimOfficer officer, string operation, CancellationToken cancellation)
    {
        var hub = officer.Hub ??= Build(officer);
        var stats = ledger.Stats.For(operation);
        var started = MonotonicClock.Now;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(SiloClient.RequestTimeout);
            await hub.StartAsync(timeout.Token);
            stats.Success(started);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or OperationCanceledException
                                      or System.Net.WebSockets.WebSocketException && !cancellation.IsCancellationRequested)
        {
            stats.Error(ErrorKind.Of(e));
            return false;
        }
    }

    /// <summary>Closes the officer's connection (the phone went off the network, or the run ended).</summary>
    public static async Task StopAsync(SimOfficer officer)
    {
        if (officer.Hub is { } hub)
        {
            await hub.StopAsync(CancellationToken.None);
        }
    }

    public static async Task DisposeAsync(SimOfficer officer)
    {
        if (officer.Hub is { } hub)
        {
            officer.Hub = null;
            await hub.DisposeAsync();
        }
    }

    private HubConnection Build(SimOfficer officer)
    {
        var silo = client.Urls[officer.Index % client.Urls.Count];
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(silo, "/hubs/officer"), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult(officer.Token);
            })
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.PropertyNameCaseInsensitive = true;
                o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter());
            })
            .WithAutomaticReconnect(ReconnectDelays)
            .Build();
        connection.On<AssignmentPush>("Assignment", push => fieldWork.OnPush(officer, push));
        connection.Reconnecting += _ =>
        {
            RunCounters.Add(ref ledger.Counters.HubDisconnects);
            ledger.Stats.For("hub connection").Error("reconnecting");
            return Task.CompletedTask;
        };
        return connection;
    }
}
