using TangerangLive.Grains.Live;

namespace TangerangLive.Tests.Infrastructure;

/// <summary>Keeps every published Live Room event and lets a test await the one it expects.</summary>
public sealed class RecordingLiveSink : ILiveEventSink
{
    private readonly Lock _gate = new();
    private readonly List<LiveEvent> _events = [];
    private readonly List<(Func<LiveEvent, bool> Match, TaskCompletionSource<LiveEvent> Done)> _waiters = [];

    public IReadOnlyList<LiveEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToList();
            }
        }
    }

    public void Publish(LiveEvent liveEvent)
    {
        lock (_gate)
        {
            _events.Add(liveEvent);
            foreach (var waiter in _waiters.Where(w => w.Match(liveEvent)).ToList())
            {
                waiter.Done.TrySetResult(liveEvent);
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Completes when an event matching <paramref name="match"/> has been (or is) published.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match, string what, TimeSpan? timeout = null)
        where T : LiveEvent
    {
        TaskCompletionSource<LiveEvent> done;
        lock (_gate)
        {
            if (_events.OfType<T>().FirstOrDefault(match) is { } seen)
            {
                return seen;
            }

            done = new TaskCompletionSource<LiveEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((e => e is T t && match(t), done));
        }

        try
        {
            return (T)await done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited {(timeout ?? TimeSpan.FromSeconds(20)).TotalSeconds} s for {what}.");
        }
    }
}
