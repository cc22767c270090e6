using Microsoft.AspNetCore.SignalR;

namespace TangerangLive.Api.Live;

/// <summary>The SIGAP app's hub: the officer's own assignment pushes.</summary>
public sealed class OfficerHub : Hub<IOfficerClient>
{
    public override async Task OnConnectedAsync()
    {
        var officerId = Context.GetHttpContext()?.Request.Query["officerId"].ToString();
        if (!string.IsNullOrEmpty(officerId))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Officer(officerId));
        }

        await base.OnConnectedAsync();
    }
}
