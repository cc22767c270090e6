using Orleans.TestingHost;
using TangerangLive.Silo.Hosting;

namespace TangerangLive.Tests.Infrastructure;

/// <summary>
/// An in-process Orleans cluster whose grain storage and reminders are the production ADO.NET
/// providers on a fresh PostgreSQL database,.
/// </summary>
public class PostgresClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public string ConnectionString { get; private set; } = string.Empty;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync(GetType().Name);
        var builder = new InProcessTestClusterBuilder(1);
        var connectionString = ConnectionString;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTangerangPersistence(connectionString);
            ConfigureSilo(silo);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }
}
