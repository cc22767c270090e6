using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Grains.Attendance;

/// <summary>
/// Seals finished shift days for the whole city from one reminder (key: the city id), instead of one reminder per
/// officer. Every <see cref="Period"/> it looks for shifts whose window ended since its last sweep and asks each
/// active officer of those shifts (the roster table) to seal its finished days
/// (<see cref="IOfficerGrain.CloseAttendanceAsync"/>, which seals from the day after its last sealed one, so asking
/// twice changes nothing). One call per officer per shift day, where a reminder per officer called every officer every
/// 15 minutes whether a day had ended or not (at 100,000 officers, 111 calls a second), and held about 380 B of
/// reminder bookkeeping per officer in the silo (its reminder entry, the reminder service's table entry and timer).
/// One per city, and not a hot one: it works three times a day (one sweep per shift end) and on no request's path.
/// </summary>
public interface IAttendanceCloserGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>Registers the closer's reminder; called at silo start (idempotent).</summary>
    Task StartAsync();

    /// <summary>
    /// Seals the finished days of every active officer whose shift ended since the last sweep, and of those a failed
    /// sweep left to retry. Returns when every officer answered; what failed is retried by the next sweep.
    /// </summary>
    Task<AttendanceSweep> SweepAsync();
}

/// <summary>What one sweep did: officers asked, days sealed, officers that failed (retried by the next sweep).</summary>
[GenerateSerializer, Immutable]
public sealed record AttendanceSweep(
    [property: Id(0)] DateTimeOffset From,
    [property: Id(1)] DateTimeOffset To,
    [property: Id(2)] IReadOnlyList<string> ShiftsEnded,
    [property: Id(3)] int OfficersAsked,
    [property: Id(4)] int DaysSealed,
    [property: Id(5)] int Failed);

/// <summary>The closer's saved state: how far shift ends have been swept, and officers whose sealing failed.</summary>
[GenerateSerializer]
public sealed class AttendanceCloserState
{
    [Id(0)] public DateTimeOffset? SweptUpTo { get; set; }

    [Id(1)] public List<string> Retry { get; set; } = [];
}

/// <inheritdoc cref="IAttendanceCloserGrain"/>
public sealed partial class AttendanceCloserGrain(
    [PersistentState("attendance-closer", StorageNames.Grains)] IPersistentState<AttendanceCloserState> state,
    CityModel city,
    DomainClock clock,
    IOfficerDirectory directory,
    ILogger<AttendanceCloserGrain> logger) : Grain, IAttendanceCloserGrain
{
    /// <summary>How often shift ends are looked for: a day is sealed within this period (plus the sweep) after its shift ends.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(15);

    /// <summary>A fresh closer (never swept) looks back this far, so the day before its first start is sealed too.</summary>
    public static readonly TimeSpan FirstLookBack = TimeSpan.FromDays(1);

    private const string Reminder = "attendance-close-city";

    /// <summary>Officer calls in flight at once: each may activate an officer (a storage read) and store sealed days.</summary>
    private const int Parallel = 32;

    /// <summary>Officers left to retry at most; past it the sweep's window is not advanced, so the next sweep asks everyone again.</summary>
    private const int MaxRetry = 10_000;

    private const int ProgressEvery = 5_000;

    private IGrainTimer? _pending;

    public async Task StartAsync()
    {
        if (await this.GetReminder(Reminder) is null)
        {
            await this.RegisterOrUpdateReminder(Reminder, Period, Period);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The sweep may take a while (100,000 officers: a minute or two): it runs in a timer turn of its own so
        // that the reminder's call answers at once. The timer keeps the activation alive while it runs.
        if (reminderName == Reminder && _pending is null)
        {
            _pending = this.RegisterGrainTimer(static async (self, _) => await self.SweepFromTimerAsync(), this,
                new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }

        return Task.CompletedTask;
    }

    public async Task<AttendanceSweep> SweepAsync()
    {
        var to = clock.Now;
        var from = state.State.SweptUpTo ?? to - FirstLookBack;
        var ended = ShiftsEndedBetween(from, to);
        var officers = new List<string>(state.State.Retry);
        if (ended.Count > 0)
        {
            var known = new HashSet<string>(officers, StringComparer.Ordinal);
            foreach (var profile in await directory.ListAsync())
            {
                if (profile.Active && ended.Contains(city.Definition.ShiftFor(profile.Shift).Code) && known.Add(profile.OfficerId))
                {
                    officers.Add(profile.OfficerId);
                }
            }
        }

        if (officers.Count > 0)
        {
            LogSweepStarting(logger, officers.Count, string.Join(", ", ended), from, to);
        }

        var failed = new List<string>();
        var sealedDays = 0;
        for (var start = 0; start < officers.Count; start += Parallel)
        {
            var batch = officers.GetRange(start, Math.Min(Parallel, officers.Count - start));
            var results = await Task.WhenAll(batch.Select(CloseAsync));
            for (var i = 0; i < batch.Count; i++)
            {
                if (results[i] is { } days)
                {
                    sealedDays += days;
                }
                else
                {
                    failed.Add(batch[i]);
                }
            }

            var done = start + batch.Count;
            if (done % ProgressEvery < Parallel && done < officers.Count)
            {
                LogSweepProgress(logger, done, officers.Count, sealedDays, failed.Count);
            }
        }

        // Past MaxRetry failures the window stays where it was: the next sweep asks every officer of those shifts again.
        if (failed.Count <= MaxRetry)
        {
            state.State.SweptUpTo = to;
            state.State.Retry = failed;
        }

        await state.WriteStateAsync();
        if (officers.Count > 0)
        {
            LogSweepDone(logger, officers.Count, sealedDays, failed.Count);
        }

        return new AttendanceSweep(from, to, ended.Order(StringComparer.Ordinal).ToList(), officers.Count, sealedDays, failed.Count);
    }

    /// <summary>The codes of the shifts with a window ending in (from, to].</summary>
    private HashSet<string> ShiftsEndedBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var ended = new HashSet<string>(StringComparer.Ordinal);
        var firstDay = LocalDay(from).AddDays(-1);
        var lastDay = LocalDay(to);
        foreach (var shift in city.Definition.Shifts)
        {
            var window = shift.Window();
            for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
            {
                var end = window.WindowFor(day, city.TimeZone).End;
                if (end > from && end <= to)
                {
                    ended.Add(shift.Code);
                    break;
                }
            }
        }

        return ended;
    }

    private DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, city.TimeZone).DateTime);

    /// <summary>Days the officer sealed, or null when the call failed (left for the next sweep).</summary>
    private async Task<int?> CloseAsync(string officerId)
    {
        try
        {
            return (await GrainFactory.Officer(officerId).CloseAttendanceAsync()).Count;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogOfficerFailed(logger, officerId, ex.Message);
            return null;
        }
    }

    private async Task SweepFromTimerAsync()
    {
        try
        {
            await SweepAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The roster could not be read or the state not written: the window did not advance, the next tick retries.
            LogSweepFailed(logger, ex);
        }
        finally
        {
            _pending?.Dispose();
            _pending = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Attendance: sealing finished days of {Officers} officers (shifts ended: {Shifts}; {From:o} to {To:o})")]
    private static partial void LogSweepStarting(ILogger logger, int officers, string shifts, DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attendance: {Done} of {Officers} officers asked, {Days} days sealed, {Failed} failed so far")]
    private static partial void LogSweepProgress(ILogger logger, int done, int officers, int days, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attendance: {Officers} officers asked, {Days} days sealed, {Failed} failed (retried next sweep)")]
    private static partial void LogSweepDone(ILogger logger, int officers, int days, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attendance: officer {OfficerId} could not seal its days now: {Error}")]
    private static partial void LogOfficerFailed(ILogger logger, string officerId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Attendance: the sweep failed; the next tick retries")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}

/// <summary>The attendance closer of a city.</summary>
public static class AttendanceCloserKey
{
    public static IAttendanceCloserGrain AttendanceCloser(this IGrainFactory grains, string cityId) => grains.GetGrain<IAttendanceCloserGrain>(cityId);
}
