using System.Globalization;
using System.Text.RegularExpressions;
using Orleans.Runtime;
using TangerangLive.Grains.Attendance;
using TangerangLive.Grains.Live;
using AttendanceShift = TangerangLive.Grains.Attendance.ShiftDefinition;

namespace TangerangLive.Grains.Officers;

/// <summary>Attendance: integrity flags on fixes, and sealing finished shift days into the hash chain.</summary>
public sealed partial class OfficerGrain
{
    /// <summary>The name of the per-officer reminder earlier versions registered (see <see cref="ReceiveReminder"/>).</summary>
    private const string LegacyAttendanceReminder = "attendance-close";
    private const int MaxDaysPerClose = 62;
    private const int KeepIntervalDays = 3;

    /// <summary>Flags kept at most: one per kind per day for a little over two months of unsealed days.</summary>
    private const int MaxFlags = 256;

    private static readonly FixIntegrityChecker IntegrityChecker = new();

    public async Task<IReadOnlyList<SealedRecord>> CloseAttendanceAsync()
    {
        if (S.Profile is null)
        {
            return [];
        }

        var now = _services.Clock.Now;
        var shift = ShiftOf(S.Profile.Shift);
        var policy = _services.City.Definition.Attendance;
        var thresholds = new AttendanceThresholds(policy.PresentCoverage, policy.PartialCoverage);
        var intervals = S.Tracker.Intervals(now);
        var closed = new List<SealedRecord>();
        for (var day = FirstOpenDay(shift); closed.Count < MaxDaysPerClose; day = day.AddDays(1))
        {
            var window = shift.WindowFor(day, _services.City.TimeZone);
            if (window.End > now)
            {
                break;
            }

            var flags = (S.Flags ?? []).Where(f => f.At >= window.Start && f.At < window.End);
            var record = AttendanceCalculator.Compute(OfficerId, day, shift, _services.City.TimeZone, intervals, thresholds, flags);
            var stored = await _services.Attendance.SaveAsync(AttendanceChain.Seal(record, S.LastHash ?? AttendanceChain.GenesisHash), S.Profile.Agency);
            S.LastHash = stored.Hash;
            S.LastClosedDay = day;
            closed.Add(stored);
        }

        if (closed.Count > 0)
        {
            var sealedUpTo = shift.WindowFor(S.LastClosedDay!.Value, _services.City.TimeZone).End;
            S.Flags?.RemoveAll(f => f.At < sealedUpTo);
            if (S.Flags is { Count: 0 })
            {
                S.Flags = null;
            }

            S.Tracker.TrimOlderThan(now, KeepIntervalDays);
            await SaveAsync();
        }

        return closed;
    }

    /// <summary>
    /// The per-officer reminder earlier versions registered: sealing now runs from the city's
    /// <see cref="IAttendanceCloserGrain"/>, so a leftover reminder seals once more and is removed (no officer keeps
    /// reminder bookkeeping in the silo any more).
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == LegacyAttendanceReminder)
        {
            await CloseAttendanceAsync();
            if (await this.GetReminder(LegacyAttendanceReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            if (S.AttendanceReminderSet)
            {
                S.AttendanceReminderSet = false;
                _dirty = true;
                _unsavedBesidesPosition = true;
            }
        }
    }

    /// <summary>The first day to seal: the day after the last sealed one, or the first whole shift after registration.</summary>
    private DateOnly FirstOpenDay(AttendanceShift shift)
    {
        if (S.LastClosedDay is { } last)
        {
            return last.AddDays(1);
        }

        var registered = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(S.RegisteredAt, _services.City.TimeZone).DateTime);
        return shift.WindowFor(registered, _services.City.TimeZone).Start >= S.RegisteredAt ? registered : registered.AddDays(1);
    }

    private AttendanceShift ShiftOf(string name) => _services.City.Definition.ShiftFor(name).Window();

    /// <summary>
    /// Keeps one flag per kind per local day, counting repeats in its detail, and at most
    /// <see cref="MaxFlags"/> in all (the oldest go first), so a spoofing or broken phone cannot grow
    /// the officer's state or flood the operators with alerts. True when a new kind-and-day was flagged.
    /// </summary>
    private bool RecordFlags(FixCheckResult check)
    {
        if (check.Flags.IsDefaultOrEmpty)
        {
            return false;
        }

        var added = false;
        S.Flags ??= [];
        foreach (var flag in check.Flags)
        {
            var day = LocalDay(flag.At);
            var same = S.Flags.FindIndex(f => f.Type == flag.Type && LocalDay(f.At) == day);
            if (same >= 0)
            {
                S.Flags[same] = Repeated(S.Flags[same]);
                _unsavedBesidesPosition = true;
                continue;
            }

            S.Flags.Add(flag);
            added = true;
            _services.Live.Publish(new OperatorAlert(flag.At, "integrity", $"Officer {OfficerId}: {flag.Type} ({flag.Detail})", null, OfficerId, S.ZoneCode));
        }

        if (S.Flags.Count > MaxFlags)
        {
            S.Flags.Sort((a, b) => a.At.CompareTo(b.At));
            S.Flags.RemoveRange(0, S.Flags.Count - MaxFlags);
        }

        return added;
    }

    private DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, _services.City.TimeZone).DateTime);

    /// <summary>The flag with its repeat count raised by one: "detail (seen N times)".</summary>
    private static IntegrityFlag Repeated(IntegrityFlag flag)
    {
        var match = RepeatCount().Match(flag.Detail);
        var times = match.Success ? int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) + 1 : 2;
        var detail = match.Success ? flag.Detail[..match.Index] : flag.Detail;
        return flag with { Detail = $"{detail} (seen {times.ToString(CultureInfo.InvariantCulture)} times)" };
    }

    [GeneratedRegex(@" \(seen (\d{1,9}) times\)$")]
    private static partial Regex RepeatCount();

    /// <summary>
    /// On activation: when the saved state says the officer was online, carries the open interval (and the last fix and its zone)
    /// on to what the position log recorded after that save. A silo that died took the officer's unsaved heartbeats
    /// with it, but its position log had written them within seconds; every interval that ended was saved at once, so
    /// the officer was online all along in between. One read per activation of an officer that was online.
    /// </summary>
    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        if (!S.Online || S.Profile is null || await _services.Positions.LatestAsync(OfficerId, cancellationToken) is not { } latest)
        {
            return;
        }

        if (latest.Online && S.Tracker.Resume(latest.LastSeen))
        {
            _lastHeard = latest.LastSeen;
            _dirty = true;
        }

        if (S.LastFix is not { } fix || latest.FixAt > fix.At)
        {
            S.LastFix = new GeoFix(latest.Lat, latest.Lon, latest.FixAt);
            S.ZoneCode = latest.ZoneCode;
        }
    }
}
