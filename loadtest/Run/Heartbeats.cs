using System.Globalization;
using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Run;

/// <summary>
/// Every on-duty officer's phone reports its position every H seconds, open loop: one arrival stream
/// at N/H per second, arrival i for officer i mod N, so a slow server never slows the phones. Most
/// phones use the SIGAP API, a fraction the OsmAnd protocol. An officer without a hub connection
/// asks for its assignment after each heartbeat while free, as an app in the background would.
/// </summary>
internal sealed class Heartbeats(SiloClient client, Fleet fleet, FieldWork fieldWork, RunOptions options)
{
    public const string Sigap = "heartbeat (SIGAP)";
    public const string OsmAnd = "heartbeat (OsmAnd)";

    /// <summary>
    /// The heartbeat that follows each shift's start during setup, counted apart: sent while every phone signs in and
    /// connects at once, it is not the steady stream the run measures (counted with it, setup's burst set the run's
    /// heartbeat p99 at 0.5-1.4 s while no 5 s interval of the run itself went past 80 ms).
    /// </summary>
    public const string FirstSigap = "setup: first heartbeat (SIGAP)";
    public const string FirstOsmAnd = "setup: first heartbeat (OsmAnd)";
    public const string Poll = "assignment poll (no hub)";

    public OpenLoopScheduler Scheduler { get; } = new(fleet.Officers.Count / options.HeartbeatSeconds, ArrivalPattern.FixedWithJitter, options.Seed + 1);

    public Task RunAsync(TimeSpan duration, CancellationToken cancellation) =>
        Scheduler.RunAsync(arrival => BeatAsync(fleet.Officers[(int)(arrival.Index % fleet.Officers.Count)], arrival.IntendedAt, cancellation),
            duration, SiloClient.RequestTimeout, cancellation);

    /// <summary>
    /// Sends one position now (also used by the first heartbeat after a drop-out, and with <paramref name="setup"/> by
    /// the first one after the shift starts, counted under its own setup operation).
    /// </summary>
    public async Task<bool> BeatAsync(SimOfficer officer, long intendedAt, CancellationToken cancellation, bool setup = false)
    {
        if (officer.Phase is OfficerPhase.OffDuty or OfficerPhase.DroppedOut)
        {
            return false;
        }

        double lat, lon;
        lock (officer.Gate)
        {
            if (officer.Move(MonotonicClock.Now) && officer.Phase == OfficerPhase.Available)
            {
                fleet.NextDestination(officer);
            }

            (lat, lon) = (officer.Lat, officer.Lon);
        }

        var token = officer.Token;
        var sent = officer.UsesOsmAnd && officer.TrackingDeviceId is not null
            ? await client.SendRawAsync(setup ? FirstOsmAnd : OsmAnd, (host, buffer) => HeartbeatRequests.OsmAnd(buffer, host, officer, lat, lon), intendedAt, cancellation)
            : await client.SendRawAsync(setup ? FirstSigap : Sigap, (host, buffer) => HeartbeatRequests.Sigap(buffer, host, HeartbeatRequests.BearerLine(token ?? string.Empty), officer, lat, lon), intendedAt, cancellation);
        if (!sent)
        {
            return false;
        }

        officer.Accepted(lat, lon, MonotonicClock.Now);
        if (officer.Hub is null && officer.Phase == OfficerPhase.Available)
        {
            await PollAsync(officer, cancellation);
        }

        return true;
    }

    private async Task PollAsync(SimOfficer officer, CancellationToken cancellation)
    {
        var mine = await client.SendAsync<MyAssignmentWithReport>(Poll, HttpMethod.Get, "/api/me/assignment", officer.Token, null, MonotonicClock.Now, cancellation);
        if (mine is { Ok: true, Value: { Assignment: { Stage: "Offered" } assignment, Report: { } report } } && officer.Held != assignment.ComplaintId)
        {
            fieldWork.Offered(officer, assignment.ComplaintId, DateTimeOffset.UtcNow, report.Lat, report.Lon);
        }
    }

    private sealed record MyAssignmentWithReport(AssignmentAnswer? Assignment, ReportPoint? Report);

    private sealed record ReportPoint(double Lat, double Lon);
}
