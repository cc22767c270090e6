using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace TangerangLive.Silo.Hosting;

/// <summary>Serilog as the host's logging provider: console for people, rolling JSON files for machines, both written off the callers' threads.</summary>
public static class LoggingSetup
{
    /// <summary>A request slower than this is logged at Warning whatever its outcome.</summary>
    public static readonly TimeSpan SlowRequest = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Log events waiting for the sinks' one writer thread. The sinks write on that thread, never on the caller's: the file
    /// sink fsyncs its file once a second while holding the lock that every event takes, and on this machine's disk,
    /// busy with PostgreSQL's commits, that fsync took up to 186 ms (session 21, `perf trace -e fsync` on the silo for 34 s
    /// of a dispatch run), during which every grain turn that logged would wait. When the writer falls this far behind,
    /// further events are dropped (Serilog's self-log says so) rather than holding up the caller: the engine's record of
    /// what happened is its database, not its log.
    /// </summary>
    public const int LogQueue = 50_000;

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
            .WriteTo.Async(
                sinks =>
                {
                    sinks.Console(outputTemplate: ConsoleTemplate);
                    sinks.File(new CompactJsonFormatter(), file, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, buffered: true, flushToDiskInterval: TimeSpan.FromSeconds(1));
                },
                bufferSize: LogQueue,
                blockWhenFull: false));

        // Serilog's factory builds a new logger per call; put a per-category cache in front of it.
        var serilog = builder.Services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        builder.Services.Remove(serilog);
        builder.Services.AddSingleton<ILoggerFactory>(services => new CachingLoggerFactory(
            (ILoggerFactory)(serilog.ImplementationFactory?.Invoke(services) ?? serilog.ImplementationInstance
                ?? ActivatorUtilities.CreateInstance(services, serilog.ImplementationType!))));
        return builder;
    }

    /// <summary>One log event per request: Debug when it went well, Warning when it failed or was slow.</summary>
    public static WebApplication UseTangerangRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options => options.GetLevel = RequestLevel);
        return app;
    }

    /// <summary>The level of a request's log event.</summary>
    public static LogEventLevel RequestLevel(HttpContext context, double elapsedMilliseconds, Exception? error) =>
        error is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError || elapsedMilliseconds > SlowRequest.TotalMilliseconds
            ? LogEventLevel.Warning
            : LogEventLevel.Debug;
}
