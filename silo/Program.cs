using Serilog;
using TangerangLive.Api;
using TangerangLive.Silo.Commands;
using TangerangLive.Silo.Database;
using TangerangLive.Silo.Hosting;

Log.Logger = LoggingSetup.CreateBootstrapLogger();
try
{
    if (args is [VerifyAttendanceCommand.Name, ..])
    {
        return await VerifyAttendanceCommand.RunAsync(args);
    }

    var builder = WebApplication.CreateBuilder(args);
    builder.Configuration.AddCommandLine(args, CommandLineSwitches.Map.ToDictionary());
    var silo = builder.AddSiloHostOptions();
    builder.AddTangerangLogging(silo);
    await using var database = await builder.AddTangerangDatabaseAsync();
    builder.AddTangerangOrleans(silo, builder.Configuration.GetConnectionString(DatabaseSetup.ConnectionStringName)!);
    builder.AddTangerangDomain();
    builder.AddTangerangObservability();
    builder.AddTangerangApi();

    var app = builder.Build();
    app.UseTangerangRequestLogging();
    app.MapTangerangObservability();
    app.MapTangerangApi();
    app.MapTangerangDashboard();
    await app.RunAsync();
    return 0;
}
catch (InvalidConfigurationException ex)
{
    Log.Fatal("Cannot start: {Problem}", ex.Message);
    return 2;
}
catch (EmbeddedPostgresException ex)
{
    Log.Fatal("Cannot start the private PostgreSQL: {Problem}", ex.Message);
    return 3;
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    Log.Fatal(ex, "Silo stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
