using Serilog;
using Serilog.Formatting.Compact;

namespace TangerangLive.Silo.Hosting;

/// <summary>Serilog as the host's logging provider: console for people, rolling JSON files for machines.</summary>
public static class LoggingSetup
{
    private const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>The logger used until the host's configuration is read.</summary>
    public static Serilog.ILogger CreateBootstrapLogger() =>
        new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.Console(outputTemplate: ConsoleTemplate)
            .CreateBootstrapLogger();

    public static WebApplicationBuilder AddTangerangLogging(this WebApplicationBuilder builder, SiloHostOptions silo)
    {
        var file = Path.Combine(silo.LogDirectory, $"silo-{silo.SiloPort}-.json");
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Silo", $"{silo.AdvertisedAddress}:{silo.SiloPort}")
            .WriteTo.Console(outputTemplate: ConsoleTemplate)
            .WriteTo.File(new CompactJsonFormatter(), file, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14));
        return builder;
    }
}
