using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Field;
using TangerangLive.Api.Observability;
using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Api.Live;

/// <summary>
/// The SIGAP app's hub: the signed-in officer's own assignment pushes (the group comes from the token,
/// never from the client), acknowledging an assignment without a separate HTTP call, and the phone's
/// positions on the connection it already holds (no request, token check or routing per position).
/// </summary>
public sealed partial class OfficerHub(IGrainFactory grains, TimeProvider time, EngineMetrics metrics, IOptions<DispatchTimingOptions> timing, ILogger<OfficerHub> logger)
    : Hub<IOfficerClient>
{
    /// <summary>The reason an offer push carries when it is sent again to a phone that connected after the offer was made.</summary>
    public const string ResentOnConnect = "resent on connect: the offer was made while this phone had no connection";

    public override async Task OnConnectedAsync()
    {
        if (Context.User?.OfficerIdOf() is not { } officerId)
        {
            Context.Abort();
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Officer(officerId));
        await ResendOpenOfferAsync(officerId);
        await base.OnConnectedAsync();
    }

    /// <summary>
    /// Sends the officer's open offer again to a phone that connects while it stands. Pushes are not kept for a phone
    /// without a connection, so an offer made during a drop in the network (or while the app restarted) would otherwise
    /// reach the officer only when its deadline had passed and the report had gone to the next officer (the load test saw
    /// such offers arrive 30 and 60 s late: the categories' deadlines). The group is joined first, so every offer made from
    /// then on comes by its own push, and one made before is read here; a phone may get the same offer twice (same report
    /// and time), and acknowledging it twice is refused harmlessly the second time. Reading fails soft: the connection
    /// stays up and the phone learns of the offer as it would have before (<c>GET /api/me/assignment</c>).
    /// </summary>
    private async Task ResendOpenOfferAsync(string officerId)
    {
        try
        {
            if (await grains.Officer(officerId).GetAsync() is not { Assignment: { Stage: OfficerDuty.Offered, AckDeadline: { } deadline } assignment }
                || deadline <= time.GetUtcNow())
            {
                return;
            }

            // The report is the other half of the offer: it must still name this officer (the officer's side is written first).
            var report = await grains.Complaint(assignment.ComplaintId).GetAsync();
            if (report is not { Status: ComplaintStatus.Offered } || report.OfficerId != officerId)
            {
                return;
            }

            await Clients.Caller.Assignment(new AssignmentPushed(
                assignment.Since, officerId, assignment.ComplaintId, "offer", report.Report.Category, report.Report.Lat, report.Report.Lon, deadline, ResentOnConnect));
            metrics.OfferResentOnConnect();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogResendFailed(logger, ex, officerId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Officer {OfficerId} connected: its open offer could not be read to send again; the phone asks for it itself")]
    private static partial void LogResendFailed(ILogger logger, Exception exception, string officerId);

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
