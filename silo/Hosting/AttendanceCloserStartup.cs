using TangerangLive.Grains;
using TangerangLive.Grains.Attendance;

namespace TangerangLive.Silo.Hosting;

/// <summary>
/// Once the silo runs, makes sure the city's <see cref="IAttendanceCloserGrain"/> has its reminder (the reminder is
/// durable, so any silo of the cluster may do this; doing it again changes nothing).
/// </summary>
public sealed partial class AttendanceCloserStartup(
    IGrainFactory grains,
    CityModel city,
    IHostApplicationLifetime lifetime,
    ILogger<AttendanceCloserStartup> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _start = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _start = EnsureAsync(_stopping.Token));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _start.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task EnsureAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await grains.AttendanceCloser(city.Definition.Id).StartAsync();
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRetry(logger, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attendance closer: reminder not registered yet (attempt {Attempt}): {Error}")]
    private static partial void LogRetry(ILogger logger, int attempt, string error);
}
