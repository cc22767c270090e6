using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Field;
using TangerangLive.Api.Observability;
using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Dispatch;

namespace TangerangLive.Api.Live;

/// <summary>
/// The SIGAP app's hub: the signed-in officer's own assignment pushes (the group comes from the token,
/// never from the client), acknowledging an assignment without a separate HTTP call, and the phone's
/// positions on the connection it already holds (no request, token check or routing per position).
/// </summary>
public sealed class OfficerHub(IGrainFactory grains, TimeProvider time, EngineMetrics metrics, IOptions<DispatchTimingOptions> timing) : Hub<IOfficerClient>
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

    /// <summary>
    /// One position from the signed-in officer's phone, checked and applied as <c>POST /api/me/heartbeat</c> does
    /// it (same validation, same officer check, same grain call); the answer says what became of it. SignalR runs
    /// one invocation per connection at a time, so a phone cannot have more than one position in flight.
    /// </summary>
    public async Task<HubHeartbeatResult> Heartbeat(HeartbeatRequest position)
    {
        if (Context.User?.OfficerIdOf() is not { } officerId)
        {
            return new HubHeartbeatResult(false, "Not signed in as an officer.", null, 0, null, []);
        }

        if (position is null)
        {
            return new HubHeartbeatResult(false, "The position is not valid.", new Dictionary<string, string[]> { ["position"] = ["A position is required."] }, 0, null, []);
        }

        return HubHeartbeatResult.From(await HeartbeatIntake.ReportAsync(grains, timing.Value, officerId, [position], position?.OfficerId, time.GetUtcNow(), metrics, single: true));
    }
}

/// <summary>What the engine made of a position sent on the hub: as <c>POST /api/me/heartbeat</c> answers, or why it was refused.</summary>
public sealed record HubHeartbeatResult(bool Ok, string? Error, IReadOnlyDictionary<string, string[]>? Errors, int Accepted, string? ZoneCode, IReadOnlyList<string> Flags)
{
    public static HubHeartbeatResult From(HeartbeatOutcome outcome) => outcome switch
    {
        { Result: { } r } => new(true, null, null, r.Accepted, r.ZoneCode, r.Flags),
        { Errors: { } errors } => new(false, "The position is not valid.", errors.ToDictionary(), 0, null, []),
        _ => new(false, outcome.ForbiddenReason ?? outcome.ConflictReason, null, 0, null, []),
    };
}

/// <summary>What a hub command did: success, or why it was refused, and the report's status after it.</summary>
public sealed record HubCommandResult(bool Ok, string? Error, string? Status);
