using TangerangLive.Api.Observability;
using TangerangLive.Api.Problems;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Api.Field;

/// <summary>
/// Positions from the signed-in officer's phone, whichever way they came (an HTTP heartbeat, a batch
/// sent after being offline, or a message on the SIGAP app's hub connection): the officer named in
/// a position must be the token's, every position is checked before any is applied, and the
/// officer's shard (which applies them for a dormant officer and passes them to the grain otherwise,
/// see <see cref="IOfficerShardGrain"/>) takes them oldest first.
/// </summary>
public static class HeartbeatIntake
{
    /// <summary>What became of the positions: applied (with the last zone and every flag), invalid, another officer's, or not on the roster.</summary>
    public static async Task<HeartbeatOutcome> ReportAsync(
        IGrainFactory grains, string me, IReadOnlyList<HeartbeatRequest>? positions, string? claimedOfficer, DateTimeOffset now, EngineMetrics metrics, bool single)
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
                ? await ApplyOneAsync(grains.OfficerShard(me), me, one, metrics)
                : HeartbeatOutcome.Invalid(errors);
        }

        var reports = positions.Select((p, i) => HeartbeatValidation.Check(p, now, errors, $"positions[{i}].")).ToList();
        if (errors.Any)
        {
            return HeartbeatOutcome.Invalid(errors);
        }

        var shard = grains.OfficerShard(me);
        PositionAck? last = null;
        var flags = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var report in reports.OrderBy(r => r!.DeviceTime))
        {
            last = await shard.ReportPositionAsync(me, report!);
            flags.UnionWith(last.Flags);
            if (!last.OnRoster)
            {
                return HeartbeatOutcome.NotOnRoster(last.Flags);
            }

            metrics.HeartbeatsAccepted();
        }

        return HeartbeatOutcome.Applied(new HeartbeatResult(reports.Count, last?.ZoneCode, [.. flags]));
    }

    private static async Task<HeartbeatOutcome> ApplyOneAsync(IOfficerShardGrain shard, string me, PositionReport report, EngineMetrics metrics)
    {
        var ack = await shard.ReportPositionAsync(me, report);
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
