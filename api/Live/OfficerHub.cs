using Microsoft.AspNetCore.SignalR;
using TangerangLive.Api.Auth;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Live;

/// <summary>
/// The SIGAP app's hub: the signed-in officer's own assignment pushes (the group comes from the token,
/// never from the client), and acknowledging an assignment without a separate HTTP call.
/// </summary>
public sealed class OfficerHub(IGrainFactory grains) : Hub<IOfficerClient>
{
    public override async Task OnConnectedAsync()
    {
        if (Context.User?.OfficerIdOf() is not { } officerId)
        {
            Context.Abort();
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Officer(officerId));
        await base.OnConnectedAsync();
    }

    /// <summary>Takes the offered report, as the signed-in officer.</summary>
    public async Task<HubCommandResult> Acknowledge(string complaintId)
    {
        if (Context.User?.OfficerIdOf() is not { } officerId)
        {
            return new HubCommandResult(false, "Not signed in as an officer.", null);
        }

        if (!ComplaintKey.IsValidId(complaintId))
        {
            return new HubCommandResult(false, "No report with this id.", null);
        }

        var result = await grains.Complaint(complaintId).AcknowledgeAsync(officerId);
        return new HubCommandResult(result.Ok, result.Error, result.Complaint?.Status.ToString());
    }
}

/// <summary>What a hub command did: success, or why it was refused, and the report's status after it.</summary>
public sealed record HubCommandResult(bool Ok, string? Error, string? Status);
