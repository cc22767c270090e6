using Orleans.Runtime;

namespace TangerangLive.Grains.Officers;

/// <inheritdoc cref="IOfficerGrain"/>
public sealed class OfficerGrain(
    [PersistentState("officer", StorageNames.Grains)] IPersistentState<OfficerState> state,
    TimeProvider clock) : Grain, IOfficerGrain
{
    public async Task<OfficerSnapshot> RegisterAsync(OfficerProfile profile)
    {
        var now = clock.GetUtcNow();
        if (state.State.Profile is null)
        {
            state.State.RegisteredAt = now;
        }

        state.State.Profile = profile with { OfficerId = OfficerKey.IdOf(this.GetPrimaryKeyString()) };
        state.State.UpdatedAt = now;
        await state.WriteStateAsync();
        return Snapshot();
    }

    public Task<OfficerSnapshot?> GetAsync() =>
        Task.FromResult(state.State.Profile is null ? null : Snapshot());

    public Task<string> GetHostingSiloAsync() => Task.FromResult(RuntimeIdentity);

    private OfficerSnapshot Snapshot() => new(state.State.Profile!, state.State.RegisteredAt, state.State.UpdatedAt);
}
