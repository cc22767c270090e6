using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TangerangLive.Api.Tracking;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Api.Auth;

/// <summary>
/// At start-up: loads (or creates) the cluster's signing key, seeds the demo accounts on a fresh database
/// (embedded, or with a configured demo password) and names them, never logging the password; once the silo runs,
/// makes sure the demo officers are on the roster.
/// </summary>
public sealed partial class AuthBootstrap(
    SigningKeyProvider keys,
    UserStore users,
    DeviceDirectory devices,
    IGrainFactory grains,
    IOptions<AuthOptions> options,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<AuthBootstrap> logger) : IHostedService
{
    /// <summary>Set by the silo when it runs on its private embedded PostgreSQL.</summary>
    public const string EmbeddedDatabaseKey = "Database:IsEmbedded";

    private readonly CancellationTokenSource _stopping = new();
    private Task _roster = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await keys.LoadAsync(cancellationToken);
        var auth = options.Value;
        var embedded = configuration.GetValue<bool>(EmbeddedDatabaseKey);
        var configured = auth.DemoPassword is { Length: > 0 };
        if (!(auth.SeedDemoAccounts ?? (embedded || configured)))
        {
            return;
        }

        if (!embedded && !configured)
        {
            LogNoDemoPassword(logger);
            return;
        }

        var password = configured ? auth.DemoPassword! : DemoAccounts.EmbeddedPassword;
        var created = await users.CountAsync(cancellationToken) == 0 ? await SeedAsync(password, auth.PasswordIterations, cancellationToken) : [];
        if (created.Count > 0 || embedded)
        {
            // Silos seeding one database at the same moment each name the accounts they created. The
            // password never goes to the logs: the embedded one is printed on the console only.
            var accounts = string.Join(", ", DemoAccounts.All.Where(a => embedded || created.Contains(a.Username)).Select(a => $"{a.Username} ({a.Role})"));
            LogDemoAccounts(logger, accounts, configured ? "Auth:DemoPassword" : "the embedded demo password printed on the console");
            if (embedded && !configured)
            {
                Console.WriteLine($"Demo accounts on the embedded database: {accounts}; password: {DemoAccounts.EmbeddedPassword}");
            }
        }

        lifetime.ApplicationStarted.Register(() => _roster = EnsureDemoOfficersAsync(_stopping.Token));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _roster.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task<List<string>> SeedAsync(string password, int iterations, CancellationToken cancellationToken)
    {
        var created = new List<string>();
        foreach (var demo in DemoAccounts.All)
        {
            var account = new UserAccount("u-" + demo.Username, demo.Username, PasswordHasher.Hash(password, iterations), demo.Role, demo.OfficerId, time.GetUtcNow());
            if (await users.TryCreateAsync(account, cancellationToken))
            {
                created.Add(demo.Username);
            }

            if (demo is { OfficerId: { } officerId, DeviceId: { } deviceId })
            {
                await devices.ReplaceAsync(officerId, [deviceId], cancellationToken);
            }
        }

        return created;
    }

    private async Task EnsureDemoOfficersAsync(CancellationToken cancellationToken)
    {
        foreach (var demo in DemoAccounts.All.Where(a => a.OfficerId is not null))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var officer = grains.Officer(demo.OfficerId!);
                    if (await officer.GetAsync() is null && await users.FindByUsernameAsync(demo.Username, cancellationToken) is not null)
                    {
                        await officer.RegisterAsync(new OfficerProfile(demo.OfficerId!, $"Demo {demo.Username}", demo.Agency!, "Demo", string.Empty, [demo.DeviceId!], true));
                    }

                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException && attempt < 10)
                {
                    LogRosterRetry(logger, demo.Username, ex.Message);
                    await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo accounts: {Accounts}; their password is {PasswordSource}. Change or remove them before real use.")]
    private static partial void LogDemoAccounts(ILogger logger, string accounts, string passwordSource);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Auth:SeedDemoAccounts is on but Auth:DemoPassword is not set; no demo accounts on a shared database.")]
    private static partial void LogNoDemoPassword(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not put demo officer {Username} on the roster yet: {Error}")]
    private static partial void LogRosterRetry(ILogger logger, string username, string error);
}
