using Orleans.Runtime;
using TangerangLive.Grains.Attendance;
using TangerangLive.Grains.Live;
using AttendanceShift = TangerangLive.Grains.Attendance.ShiftDefinition;

namespace TangerangLive.Grains.Officers;

/// <summary>Attendance: integrity flags on fixes, and sealing finished shift days into the hash chain.</summary>
public sealed partial class OfficerGrain
{
    /// <summary>How often finished days are looked for; a day is sealed within this period after its shift ends.</summary>
    public static readonly TimeSpan AttendanceClosePeriod = TimeSpan.FromMinutes(15);

    private const string AttendanceReminder = "attendance-close";
    private const int MaxDaysPerClose = 62;
    private const int KeepIntervalDays = 3;

    private static readonly FixIntegrityChecker IntegrityChecker = new();

    public async Task<IReadOnlyList<SealedRecord>> CloseAttendanceAsync()
    {
        if (S.Profile is null)
        {
            return [];
        }

        var now = clock.Now;
        var shift = ShiftOf(S.Profile.Shift);
        var policy = city.Definition.Attendance;
        var thresholds = new AttendanceThresholds(policy.PresentCoverage, policy.PartialCoverage);
        var intervals = S.Tracker.Intervals(now);
        var closed = new List<SealedRecord>();
        for (var day = FirstOpenDay(shift); closed.Count < MaxDaysPerClose; day = day.AddDays(1))
        {
            var window = shift.WindowFor(day, city.TimeZone);
            if (window.End > now)
            {
                break;
            }

            var flags = S.Flags.Where(f => f.At >= window.Start && f.At < window.End);
            var record = AttendanceCalculator.Compute(OfficerId, day, shift, city.TimeZone, intervals, thresholds, flags);
            var stored = await attendance.SaveAsync(AttendanceChain.Seal(record, S.LastHash ?? AttendanceChain.GenesisHash), S.Profile.Agency);
            S.LastHash = stored.Hash;
            S.LastClosedDay = day;
            closed.Add(stored);
        }

        if (closed.Count > 0)
        {
            var sealedUpTo = shift.WindowFor(S.LastClosedDay!.Value, city.TimeZone).End;
            S.Flags.RemoveAll(f => f.At < sealedUpTo);
            S.Tracker.TrimOlderThan(now, KeepIntervalDays);
            await SaveAsync();
        }

        return closed;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == AttendanceReminder)
        {
            await CloseAttendanceAsync();
        }
    }

    /// <summary>The first day to seal: the day after the last sealed one, or the first whole shift after registration.</summary>
    private DateOnly FirstOpenDay(AttendanceShift shift)
    {
        if (S.LastClosedDay is { } last)
        {
            return last.AddDays(1);
        }

        var registered = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(S.RegisteredAt, city.TimeZone).DateTime);
        return shift.WindowFor(registered, city.TimeZone).Start >= S.RegisteredAt ? registered : registered.AddDays(1);
    }

    /// <summary>Registers the reminder that seals finished days, once per officer (its state remembers it).</summary>
    private async Task EnsureAttendanceReminderAsync()
    {
        if (S.AttendanceReminderSet)
        {
            return;
        }

        await this.RegisterOrUpdateReminder(AttendanceReminder, AttendanceClosePeriod, AttendanceClosePeriod);
        S.AttendanceReminderSet = true;
        await state.WriteStateAsync();
    }

    private AttendanceShift ShiftOf(string name)
    {
        var shifts = city.Definition.Shifts;
        var chosen = shifts.FirstOrDefault(s => string.Equals(s.Code, name, StringComparison.OrdinalIgnoreCase) || string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? shifts[0];
        return new AttendanceShift(chosen.Name, chosen.StartTime, chosen.Duration);
    }

    private bool RecordFlags(FixCheckResult check)
    {
        if (check.Flags.IsDefaultOrEmpty)
        {
            return false;
        }

        S.Flags.AddRange(check.Flags);
        foreach (var flag in check.Flags)
        {
            live.Publish(new OperatorAlert(flag.At, "integrity", $"Officer {OfficerId}: {flag.Type} ({flag.Detail})", null, OfficerId, S.ZoneCode));
        }

        return true;
    }
}
