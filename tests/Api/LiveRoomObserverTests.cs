using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using TangerangLive.Api.Live;
using TangerangLive.Grains.Live;

namespace TangerangLive.Tests.Api;

/// <summary>The observer's periodic registration survives a registry that throws (as while its silo dies): logged, retried, the service keeps running.</summary>
public sealed class LiveRoomObserverTests
{
    private readonly TaskCompletionSource _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    [Fact]
    public async Task A_failing_registration_is_logged_with_its_exception_and_retried_without_stopping_the_service()
    {
        var registry = Fake<ILiveRoomRegistryGrain>((method, _) => method.Name == nameof(ILiveRoomRegistryGrain.RegisterAsync) ? RegistryCall() : throw new NotSupportedException(method.Name));
        var grains = Fake<IGrainFactory>((method, args) => method.Name switch
        {
            nameof(IGrainFactory.GetGrain) => registry,
            nameof(IGrainFactory.CreateObjectReference) => args![0],
            _ => throw new NotSupportedException(method.Name),
        });
        var silo = Fake<ILocalSiloDetails>((method, _) => method.Name == "get_SiloAddress" ? SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1) : throw new NotSupportedException(method.Name));
        var logger = new RecordingLogger();
        using var observer = new LiveRoomObserver(grains, silo, Fake<IHubContext<LiveRoomHub, ILiveRoomClient>>(Unused), Fake<IHubContext<OfficerHub, IOfficerClient>>(Unused), logger);

        await observer.StartAsync(CancellationToken.None);
        await _registered.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.False(observer.ExecuteTask!.IsCompleted, $"the observer stopped: {observer.ExecuteTask.Exception}");
        Assert.Equal(3, Volatile.Read(ref _calls));
        Assert.Equal(2, logger.Entries.Count(e => e.Level == LogLevel.Warning && e.Exception is TimeoutException));
        await observer.StopAsync(CancellationToken.None);
    }

    /// <summary>The registry times out twice, as a grain on a dying silo does, then takes the registration.</summary>
    private Task RegistryCall()
    {
        if (Interlocked.Increment(ref _calls) <= 2)
        {
            return Task.FromException(new TimeoutException("registry call timed out"));
        }

        _registered.TrySetResult();
        return Task.CompletedTask;
    }

    private static object? Unused(MethodInfo method, object?[]? args) => throw new NotSupportedException(method.Name);

    private static T Fake<T>(Func<MethodInfo, object?[]?, object?> behaviour)
        where T : class
    {
        var fake = DispatchProxy.Create<T, FakeProxy>();
        ((FakeProxy)(object)fake).Behaviour = behaviour;
        return fake;
    }

    /// <summary>An interface implemented by a function of the method called.</summary>
    public class FakeProxy : DispatchProxy
    {
        public Func<MethodInfo, object?[]?, object?> Behaviour { get; set; } = (m, _) => throw new NotSupportedException(m.Name);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => Behaviour(targetMethod!, args);
    }

    private sealed class RecordingLogger : ILogger<LiveRoomObserver>
    {
        public ConcurrentQueue<(LogLevel Level, Exception? Exception)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, exception));
    }
}
