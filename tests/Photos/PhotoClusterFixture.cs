using System.Globalization;
using System.Net.Http.Json;
using Npgsql;
using TangerangLive.Api.Admin;
using TangerangLive.Api.Auth;
using TangerangLive.Tests.Api;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Photos;

/// <summary>The photo test classes share one two-silo cluster and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PhotoCollection : ICollectionFixture<PhotoClusterFixture>
{
    public const string Name = "photos";
}

/// <summary>
/// Two real silo processes in one cluster on a fresh PostgreSQL database: the demo officers on the roster,
/// a daily photo quota small enough to reach in a test (<see cref="PhotosPerDay"/> photos or
/// <see cref="BytesPerDay"/> bytes per account) and an orphan sweep every second. Each silo is given a photo
/// folder of its own, as silos on two machines have: the disk store before photos moved to PostgreSQL kept
/// photos there, and the cluster must not depend on it.
/// </summary>
public sealed class PhotoClusterFixture : IAsyncLifetime
{
    public const int PhotosPerDay = 4;
    public const int BytesPerDay = 100_000;

    private readonly string[] _folders = [TempFolder(), TempFolder()];
    private int _citizens;
    private int _points;

    public SiloProcess A { get; private set; } = null!;

    public SiloProcess B { get; private set; } = null!;

    public string ConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync("photos");
        var clusterId = $"ph-{Guid.NewGuid():N}"[..16];
        string[] Args(string folder) => ApiClients.SiloArgs(
            "--Auth:SigningKey", ApiSiloFixture.SigningKey, "--Storage:PhotoDirectory", folder,
            "--Photos:PhotosPerUserPerDay", PhotosPerDay.ToString(CultureInfo.InvariantCulture),
            "--Photos:BytesPerUserPerDay", BytesPerDay.ToString(CultureInfo.InvariantCulture),
            "--Photos:SweepInterval", "00:00:01");
        A = await SiloProcess.StartAsync(ConnectionString, clusterId, Args(_folders[0]));
        B = await SiloProcess.StartAsync(ConnectionString, clusterId, Args(_folders[1]));
        using var admin = await A.ClientAsync("admin");
        foreach (var (officer, device) in new[] { (ApiSiloFixture.Officer1, "osmand-dishub-1"), (ApiSiloFixture.Officer2, "osmand-dishub-2") })
        {
            using var put = await admin.PutAsJsonAsync($"/api/admin/officers/{officer}", new OfficerRequest(officer, "Dishub", "Demo", null, [device], true));
            put.EnsureSuccessStatusCode();
        }
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        foreach (var folder in _folders)
        {
            PostgresServer.TryDelete(folder);
        }
    }

    /// <summary>A citizen account of its own (fresh quota), signed in on both silos with one token.</summary>
    public async Task<Citizen> NewCitizenAsync()
    {
        var username = $"photo-{Interlocked.Increment(ref _citizens)}-{Guid.NewGuid():N}"[..24];
        using var register = await A.Http.PostAsJsonAsync("/api/auth/register", new RegisterRequest(username, "a-good-password"));
        register.EnsureSuccessStatusCode();
        var token = await A.TokenAsync(username, "a-good-password");
        return new Citizen(token.UserId, A.ClientWithToken(token.AccessToken), B.ClientWithToken(token.AccessToken));
    }

    /// <summary>A point inside the city, about 220 m from every other one handed out, so no report is another's duplicate.</summary>
    public (double Lat, double Lon) NextPoint()
    {
        var i = Interlocked.Increment(ref _points);
        return (-6.1700 - (0.002 * (i % 20)), 106.6200 + (0.002 * (i / 20)));
    }

    /// <summary>Runs one SQL query on the cluster's database and returns its single value.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static string TempFolder() => Path.Combine(Path.GetTempPath(), $"tl-photo-folder-{Guid.NewGuid():N}");
}

/// <summary>A citizen with a client on each silo (the same token).</summary>
public sealed record Citizen(string UserId, HttpClient OnA, HttpClient OnB) : IDisposable
{
    public void Dispose()
    {
        OnA.Dispose();
        OnB.Dispose();
    }
}
