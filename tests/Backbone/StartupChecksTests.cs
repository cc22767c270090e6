using System.Diagnostics;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Backbone;

/// <summary>The silo refuses to start on bad settings, and says what is wrong.</summary>
public sealed class StartupChecksTests
{
    [Fact]
    public async Task Invalid_ports_stop_the_silo_with_a_message_naming_the_setting()
    {
        var (exitCode, output) = await RunSiloAsync("--http-port", "99999");
        Assert.Equal(2, exitCode);
        Assert.Contains("Silo:HttpPort: The field HttpPort must be between 1 and 65535.", output, StringComparison.Ordinal);

        (exitCode, output) = await RunSiloAsync("--http-port", "30000", "--gateway-port", "30000");
        Assert.Equal(2, exitCode);
        Assert.Contains("HttpPort (30000), SiloPort (11111) and GatewayPort (30000) must all differ.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_postgres_programs_stop_the_silo_with_what_to_install()
    {
        var (exitCode, output) = await RunSiloAsync("--Database:Embedded:BinDirectory", "/nonexistent/postgres/bin", "--data-dir", Path.Combine(Path.GetTempPath(), $"tl-nobin-{Guid.NewGuid():N}"));

        Assert.Equal(3, exitCode);
        Assert.Contains("apt-get install postgresql", output, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Postgres", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_connection_string_is_named()
    {
        var (exitCode, output) = await RunSiloAsync("--connection-string", "Host=127.0.0.1;Port=notaport");

        Assert.Equal(2, exitCode);
        Assert.Contains("ConnectionStrings:Postgres is not a valid PostgreSQL connection string", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunSiloAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        info.ArgumentList.Add(RepositoryPaths.SiloAssembly);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
