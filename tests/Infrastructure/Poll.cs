namespace TangerangLive.Tests.Infrastructure;

/// <summary>
/// Waits for a condition that only polling can see (a state read through the API): asks every 250 ms until it
/// holds, and fails with what was awaited once <c>timeout</c> has passed. Not a sleep: it returns as soon as the
/// condition holds.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(Interval);
        }

        throw new TimeoutException($"Waited {timeout.TotalSeconds} s for {what()}");
    }
}
