namespace TangerangLive.LoadTest.Core;

/// <summary>Waiting that ends quietly when the run or its budget is over.</summary>
public static class Pause
{
    /// <summary>Waits <paramref name="delay"/>; false (instead of an exception) when cancelled first.</summary>
    public static async Task<bool> ForAsync(TimeSpan delay, CancellationToken cancellation)
    {
        try
        {
            await Task.Delay(delay, cancellation);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
