using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using TangerangLive.Api.Field;
using TangerangLive.Api.Live;
using TangerangLive.Grains.Live;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Reliability;

/// <summary>
/// One officer's phone in the failover test: signed in with its device credential, connected to one silo's
/// officer hub, heartbeating through that silo, acknowledging every offer it is pushed through the hub. When its
/// silo dies it moves to the survivor (as behind a load balancer) and asks for the assignment it may have missed.
/// </summary>
internal sealed class FailoverOfficer(string officerId, string token, (double Lat, double Lon) at, FailoverTraffic traffic) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HubConnection? _hub;
    private HttpClient? _http;

    public string OfficerId { get; } = officerId;

    public SiloProcess? Silo { get; private set; }

    /// <summary>Connects the hub to <paramref name="silo"/> and sends HTTP there from now on.</summary>
    public async Task ConnectAsync(SiloProcess silo)
    {
        await DropHubAsync();
        Silo = silo;
        _http?.Dispose();
        _http = traffic.Client(silo);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(silo.Http.BaseAddress!, "/hubs/officer"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        hub.On<AssignmentPushed>(nameof(IOfficerClient.Assignment), push =>
        {
            if (push.Kind == "offer")
            {
                _ = AcknowledgeAsync(push.ComplaintId);
            }
        });
        await hub.StartAsync();
        _hub = hub;
    }

    public async Task StartShiftAsync()
    {
        using var start = await _http!.PostAsync(new Uri("/api/me/shift/start", UriKind.Relative), null);
        if (!start.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{OfficerId}: shift start answered {(int)start.StatusCode} {await start.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>One position; a failure (the silo is dying) is left to the next beat, as a phone does.</summary>
    public async Task BeatAsync()
    {
        try
        {
            using var beat = await _http!.PostAsJsonAsync("/api/me/heartbeat", new HeartbeatRequest(at.Lat, at.Lon, DateTimeOffset.UtcNow, 5, 0, 80));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
        }
    }

    /// <summary>After reconnecting: takes an offer whose push went to the dead silo's hub.</summary>
    public async Task CatchUpAsync()
    {
        using var response = await _http!.GetAsync(new Uri("/api/me/assignment", UriKind.Relative));
        if (response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<MyAssignment>(ApiJson.Options))?.Assignment is { Stage: Grains.Officers.OfficerDuty.Offered } offer)
        {
            await AcknowledgeAsync(offer.ComplaintId);
        }
    }

    /// <summary>Acknowledges through the hub; a refusal because the cluster is failing over is tried again.</summary>
    public async Task AcknowledgeAsync(string complaintId)
    {
        await _gate.WaitAsync();
        try
        {
            for (var attempt = 0; attempt < 10 && _hub is { State: HubConnectionState.Connected } hub; attempt++)
            {
                try
                {
                    var result = await hub.InvokeAsync<HubCommandResult>(nameof(OfficerHub.Acknowledge), complaintId);
                    traffic.Acknowledged(OfficerId, complaintId, result);
                    return;
                }
                catch (HubException)
                {
                    // The grain call failed while the cluster declares the dead silo dead: as the app does, try again.
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
                catch (Exception e) when (e is InvalidOperationException or IOException or TaskCanceledException)
                {
                    return;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropHubAsync();
        _http?.Dispose();
        _gate.Dispose();
    }

    private async Task DropHubAsync()
    {
        if (_hub is { } hub)
        {
            _hub = null;
            await hub.DisposeAsync();
        }
    }
}
