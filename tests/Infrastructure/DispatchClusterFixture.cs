using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.TestingHost;
using TangerangLive.Grains;
using TangerangLive.Grains.Attendance;
using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Officers;
using TangerangLive.Silo.Hosting;
using TangerangLive.Silo.Projections;
using TangerangLive.Silo.Storage;

namespace TangerangLive.Tests.Infrastructure;

/// <summary>One PostgreSQL database shared by a test class; each test gets its own cluster and service id in it.</summary>
public sealed class DispatchDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync() => ConnectionString = await PostgresServer.CreateDatabaseAsync("dispatch");

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// The dispatch engine in an in-process cluster: Tangerang's built-in city, grain storage, reminders and
/// the query model on PostgreSQL, business time on a fake clock, Live Room events recorded. One per test,
/// under its own service id, so tests never see each other's officers.
/// </summary>
public sealed class DispatchCluster : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private DispatchCluster(InProcessTestCluster cluster, FakeTimeProvider time, RecordingLiveSink live, string serviceId)
    {
        Cluster = cluster;
        Time = time;
        Live = live;
        ServiceId = serviceId;
        Scenario = new CityScenario(cluster.Client, City, new DomainClock(time));
    }

    public static CityModel City { get; } = CityModel.BuiltIn();

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    public FakeTimeProvider Time { get; }

    public RecordingLiveSink Live { get; }

    public string ServiceId { get; }

    public CityScenario Scenario { get; }

    /// <summary>The position log of the silo at this index (tests flush it to have positions saved now).</summary>
    public PostgresPositionLog Positions(int silo = 0) =>
        Cluster.Silos[silo].ServiceProvider.GetRequiredService<PostgresPositionLog>();

    public ComplaintProjectionWriter Projection =>
        (ComplaintProjectionWriter)Cluster.Silos[0].ServiceProvider.GetRequiredService<IComplaintProjection>();

    public static async Task<DispatchCluster> StartAsync(string connectionString, DateTimeOffset? start = null, short silos = 1, Action<IServiceCollection>? services = null)
    {
        var time = new FakeTimeProvider((start ?? Start).ToUniversalTime());
        var live = new RecordingLiveSink();
        var serviceId = $"svc-{Guid.NewGuid():N}";
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTangerangPersistence(connectionString);
            silo.Services.AddSingleton(City);
            silo.Services.AddSingleton(new DomainClock(time));
            silo.Services.AddSingleton<TangerangLive.Grains.Zones.ZoneAvailability>();
            silo.Services.AddSingleton<ILiveEventSink>(live);
            silo.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
            silo.Services.AddSingleton<IAttendanceStore, PostgresAttendanceStore>();
            silo.Services.AddSingleton<IOfficerDirectory, PostgresOfficerDirectory>();
            silo.Services.AddSingleton<PostgresPositionLog>();
            silo.Services.AddSingleton<IPositionLog>(sp => sp.GetRequiredService<PostgresPositionLog>());
            silo.Services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<PostgresPositionLog>());
            silo.Services.AddSingleton<ComplaintProjectionWriter>();
            silo.Services.AddSingleton<IComplaintProjection>(sp => sp.GetRequiredService<ComplaintProjectionWriter>());
            silo.Services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ComplaintProjectionWriter>());
            // Officers go dormant after 15 s (the silo's default, set here so that every in-process test runs the shards'
            // hand-overs whatever the default becomes).
            silo.Services.Configure<DispatchTimingOptions>(o => o.OfficerDormantAfterSeconds = 15);
            services?.Invoke(silo.Services);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new DispatchCluster(cluster, time, live, serviceId);
    }

    public async ValueTask DisposeAsync()
    {
        // Bounded, so that a stalled shutdown fails the test that caused it instead of hanging the whole run.
        await Cluster.StopAllSilosAsync().WaitAsync(TimeSpan.FromSeconds(90));
        await Cluster.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
