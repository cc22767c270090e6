using Microsoft.AspNetCore.SignalR;

namespace TangerangLive.Api.Live;

/// <summary>
/// The Live Room hub for operators and viewers. A connection sees the whole city unless it narrows to
/// an agency or a zone (query string agency=CODE or zone=CODE, or the Watch methods).
/// </summary>
public sealed class LiveRoomHub : Hub<ILiveRoomClient>
{
    public override async Task OnConnectedAsync()
    {
        var query = Context.GetHttpContext()?.Request.Query;
        var agency = query?["agency"].ToString();
        var zone = query?["zone"].ToString();
        if (!string.IsNullOrEmpty(agency))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Agency(agency));
        }
        else if (!string.IsNullOrEmpty(zone))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Zone(zone));
        }
        else
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.All);
        }

        await base.OnConnectedAsync();
    }
}
