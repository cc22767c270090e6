using Orleans.Runtime;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Grains.Dispatch;

/// <inheritdoc cref="IDispatchControlGrain"/>
public sealed class DispatchControlGrain(
    [PersistentState("dispatch-control", StorageNames.Grains)] IPersistentState<DispatchControlState> state,
    DomainClock clock) : Grain, IDispatchControlGrain
{
    /// <summary>
    /// Waiting reports listed by id, to wake at once on resume. A pause can last weeks in a busy category; past this
    /// many, reports are counted, not listed, and their own watch reminder resumes them within a watch period.
    /// </summary>
    public const int MaxListedWaiting = 500;

    public async Task<DispatchControlStatus> PauseAsync(string actor, string? reason)
    {
        if (!state.State.Paused)
        {
            state.State.Paused = true;
            state.State.By = actor;
            state.State.Reason = reason;
            state.State.Since = clock.Now;
            await state.WriteStateAsync();
        }

        return Status();
    }

    public async Task<DispatchControlStatus> ResumeAsync(string actor, string? reason)
    {
        if (state.State.Paused)
        {
            var waiting = state.State.Waiting.ToList();
            state.State.Paused = false;
            state.State.By = actor;
            state.State.Reason = reason;
            state.State.Since = clock.Now;
            state.State.Waiting.Clear();
            state.State.WaitingUnlisted = 0;
            await state.WriteStateAsync();
            foreach (var complaintId in waiting)
            {
                await GrainFactory.Complaint(complaintId).ResumeAsync();
            }
        }

        return Status();
    }

    public Task<DispatchControlStatus> GetAsync() => Task.FromResult(Status());

    public async Task<bool> HoldIfPausedAsync(string complaintId, bool alreadyQueued)
    {
        if (!state.State.Paused || state.State.Waiting.Contains(complaintId))
        {
            return state.State.Paused;
        }

        if (state.State.Waiting.Count < MaxListedWaiting)
        {
            state.State.Waiting.Add(complaintId);
        }
        else if (!alreadyQueued)
        {
            state.State.WaitingUnlisted++;
        }
        else
        {
            return true;
        }

        await state.WriteStateAsync();
        return true;
    }

    private DispatchControlStatus Status() =>
        new(this.GetPrimaryKeyString(), state.State.Paused, state.State.By, state.State.Reason, state.State.Since,
            state.State.Waiting.Count + state.State.WaitingUnlisted, state.State.Waiting.Count);
}

/// <summary>Persisted pause switch (state name "dispatch-control").</summary>
[GenerateSerializer]
public sealed class DispatchControlState
{
    [Id(0)]
    public bool Paused { get; set; }

    [Id(1)]
    public string? By { get; set; }

    [Id(2)]
    public string? Reason { get; set; }

    [Id(3)]
    public DateTimeOffset? Since { get; set; }

    /// <summary>Reports to wake on resume, at most <see cref="DispatchControlGrain.MaxListedWaiting"/>.</summary>
    [Id(4)]
    public List<string> Waiting { get; set; } = [];

    /// <summary>Reports held past the listed ones: counted; their watch reminder resumes them.</summary>
    [Id(5)]
    public int WaitingUnlisted { get; set; }
}
