using TangerangLive.Tests.Api;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Browser;

/// <summary>
/// A silo for the screenshot scene: the built-in city with one change, officers stay online for 15 minutes
/// of silence instead of 90 seconds, so the 10,000 officers seeded one heartbeat each stay on the map
/// however slowly a busy test machine seeds them (the real app would keep sending every 5 seconds).
/// </summary>
public sealed class SceneSiloFixture : IAsyncLifetime
{
    private readonly string _cityFile = Path.Combine(Path.GetTempPath(), $"tl-scene-city-{Guid.NewGuid():N}.json");

    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var city = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "grains", "City", "Data", "tangerang.city.json"));
        const string Liveness = "\"offlineThresholdSeconds\": 90";
        Assert.Contains(Liveness, city, StringComparison.Ordinal);
        await File.WriteAllTextAsync(_cityFile, city.Replace(Liveness, "\"offlineThresholdSeconds\": 900", StringComparison.Ordinal));
        var database = await PostgresServer.CreateDatabaseAsync("liveroom-scene");
        Silo = await SiloProcess.StartAsync(database, $"scene-{Guid.NewGuid():N}"[..16],
            ApiClients.SiloArgs("--Auth:SigningKey", ApiSiloFixture.SigningKey, "--City:DefinitionFile", _cityFile));
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        File.Delete(_cityFile);
    }
}
