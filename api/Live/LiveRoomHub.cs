using Microsoft.AspNetCore.SignalR;

namespace TangerangLive.Api.Live;

/// <summary>
/// The Live Room hub for operators and viewers. A connection watches the whole city unless it narrows to
/// an agency or a zone (query string agency=CODE or zone=CODE when connecting, or <see cref="Watch"/>
/// later); officer positions, report and status changes then come only for what it watches, so a wall
/// showing one agency is not sent every officer's position. Alerts and zone counters go to every screen.
/// </summary>
public sealed class LiveRoomHub : Hub<ILiveRoomClient>
{
    private const string WatchedKey = "watched-group";

    public override async Task OnConnectedAsync()
    {
        var query = Context.GetHttpContext()?.Request.Query;
        await WatchAsync(query?["agency"].ToString(), query?["zone"].ToString());
        await base.OnConnectedAsync();
    }

    /// <summary>Watches one agency, one zone, or (both empty) the whole city, instead of what was watched before.</summary>
    public Task Watch(string? agency, string? zone) => WatchAsync(agency, zone);

    private async Task WatchAsync(string? agency, string? zone)
    {
        var group = !string.IsNullOrWhiteSpace(agency) ? LiveGroups.Agency(agency.Trim())
            : !string.IsNullOrWhiteSpace(zone) ? LiveGroups.Zone(zone.Trim())
            : LiveGroups.All;
        if (Context.Items.TryGetValue(WatchedKey, out var previous) && previous is string old)
        {
            if (old == group)
            {
                return;
            }

            await Groups.RemoveFromGroupAsync(Context.ConnectionId, old);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        Context.Items[WatchedKey] = group;
    }
}
