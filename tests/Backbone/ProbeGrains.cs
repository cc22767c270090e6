using System.Collections.Concurrent;
using Orleans.Runtime;
using TangerangLive.Grains;

namespace TangerangLive.Tests.Backbone;

public interface IProbeGrain : IGrainWithStringKey
{
    Task SetAsync(string value);

    Task<string?> GetAsync();
}

public interface IProbeTwinGrain : IProbeGrain;

public interface IReminderProbeGrain : IGrainWithStringKey, IRemindable
{
    Task ArmAsync(TimeSpan dueTime);

    Task<int> FiredCountAsync();
}

[GenerateSerializer]
public sealed class ProbeState
{
    [Id(0)]
    public string? Value { get; set; }

    [Id(1)]
    public int Fired { get; set; }
}

/// <summary>Writes its value through the ADO.NET storage under state name "probe-a".</summary>
public sealed class ProbeGrain([PersistentState("probe-a", StorageNames.Grains)] IPersistentState<ProbeState> state) : Grain, IProbeGrain
{
    public async Task SetAsync(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task<string?> GetAsync() => Task.FromResult(state.State.Value);
}

/// <summary>A second grain class with the same key type and its own state name "probe-b".</summary>
public sealed class ProbeTwinGrain([PersistentState("probe-b", StorageNames.Grains)] IPersistentState<ProbeState> state) : Grain, IProbeTwinGrain
{
    public async Task SetAsync(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task<string?> GetAsync() => Task.FromResult(state.State.Value);
}

/// <summary>Registers a durable reminder and records each tick in its state.</summary>
public sealed class ReminderProbeGrain([PersistentState("probe-reminder", StorageNames.Grains)] IPersistentState<ProbeState> state) : Grain, IReminderProbeGrain
{
    public static ConcurrentDictionary<string, TaskCompletionSource> Fired { get; } = new();

    public async Task ArmAsync(TimeSpan dueTime) =>
        await this.RegisterOrUpdateReminder("probe", dueTime, TimeSpan.FromMinutes(1));

    public Task<int> FiredCountAsync() => Task.FromResult(state.State.Fired);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Fired++;
        await state.WriteStateAsync();
        Fired.GetOrAdd(this.GetPrimaryKeyString(), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
