using Microsoft.Extensions.Options;
using TangerangLive.Api.Observability;
using TangerangLive.Api.Problems;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Api.Field;

/// <summary>
/// Positions from the signed-in officer's phone, whichever way they came (an HTTP heartbeat, a batch
/// sent after being offline, or a message on the SIGAP app's hub connection): the officer named in
/// a position must be the token's, every position is checked before any is applied, and the
/// officer's grain takes them oldest first (when officers may go dormant, a dormant officer's shard
/// takes them instead: see <see cref="OfficerShards.ReportPositionAsync(IGrainFactory, string, PositionReport, DispatchTimingOptions)"/>).
/// </summary>
public static class HeartbeatIntake
{
    /// <summary>What became of the positions: applied (with the last zone and every flag), invalid, another officer's, or not on the roster.</summary>
    public static async Task<HeartbeatOutcome> ReportAsync(
        IGrainFactory grains, DispatchTimingOptions timing, string me, IReadOnlyList<HeartbeatRequest>? positions, string? claimedOfficer, DateTimeOffset now, EngineMetrics metrics, bool single)
    {
        if (claimedOfficer is { } claimed && claimed != me || positions?.Any(p => p.OfficerId is { } other && other != me) == true)
        {
            return HeartbeatOutcome.Forbidden("An officer reports positions only as themself.");
        }

        var errors = new ValidationErrors();
        if (positions is not { Count: > 0 and <= HeartbeatValidation.MaxBatch })
        {
            errors.Add("positions", $"1-{HeartbeatValidation.MaxBatch} positions.");
            return HeartbeatOutcome.Invalid(errors);
        }

        if (single)
        {
            return HeartbeatValidation.Check(positions[0], now, errors) is { } one
                ? await ApplyOneAsync(grains, timing, me, one, metrics)
                : HeartbeatOutcome.Invalid(errors);
        }

        var reports = positions.Select((p, i) => HeartbeatValidation.Check(p, now, errors, $"positions[{i}].")).ToList();
        if (errors.Any)
        {
            return HeartbeatOutcome.Invalid(errors);
        }

        PositionAck? last = null;
        var flags = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var report in reports.OrderBy(r => r!.DeviceTime))
        {
            last = await grains.ReportPositionAsync(me, report!, timing);
            flags.UnionWith(last.Flags);
            if (!last.OnRoster)
            {
                return HeartbeatOutcome.NotOnRoster(last.Flags);
            }

            metrics.HeartbeatsAccepted();
        }

        return HeartbeatOutcome.Applied(new HeartbeatResult(reports.Count, last?.ZoneCode, [.. flags]));
    }

    private static async Task<HeartbeatOutcome> ApplyOneAsync(IGrainFactory grains, DispatchTimingOptions timing, string me, PositionReport report, EngineMetrics metrics)
    {
        var ack = await grains.ReportPositionAsync(me, report, timing);
        if (!ack.OnRoster)
        {
            return HeartbeatOutcome.NotOnRoster(ack.Flags);
        }

        metrics.HeartbeatsAccepted();
        return HeartbeatOutcome.Applied(new HeartbeatResult(1, ack.ZoneCode, ack.Flags.Count > 1 ? [.. new SortedSet<string>(ack.Flags, StringComparer.Ordinal)] : ack.Flags));
    }
}

/// <summary>The outcome of <see cref="HeartbeatIntake.ReportAsync"/>: exactly one of result, errors or refusal is set.</summary>
public sealed record HeartbeatOutcome(HeartbeatResult? Result, ValidationErrors? Errors, string? ForbiddenReason, string? ConflictReason)
{
    public static HeartbeatOutcome Applied(HeartbeatResult result) => new(result, null, null, null);

    public static HeartbeatOutcome Invalid(ValidationErrors errors) => new(null, errors, null, null);

    public static HeartbeatOutcome Forbidden(string reason) => new(null, null, reason, null);

    public static HeartbeatOutcome NotOnRoster(IReadOnlyList<string> flags) =>
        new(null, null, null, "The officer is not on the roster: " + string.Join(", ", flags));
}
