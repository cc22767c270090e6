using TangerangLive.Grains;
using TangerangLive.Grains.City;
using TangerangLive.Grains.Attendance;
using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Officers;
using TangerangLive.Silo.Storage;
using TangerangLive.Silo.Projections;

namespace TangerangLive.Silo.Hosting;

/// <summary>The city this cluster serves (a data set, not code) and the domain services grains use.</summary>
public static class CitySetup
{
    public const string DefinitionFileKey = "City:DefinitionFile";

    public static WebApplicationBuilder AddTangerangDomain(this WebApplicationBuilder builder)
    {
        var city = LoadCity(builder.Configuration[DefinitionFileKey]);
        builder.Services.AddSingleton(city);
        builder.Services.AddSingleton(DomainClock.System);
        builder.Services.AddSingleton<Grains.Zones.ZoneAvailability>();
        builder.Services.AddOptions<CrashPointOptions>().BindConfiguration(CrashPointOptions.Section);
        builder.Services.AddOptions<DispatchTimingOptions>().BindConfiguration(DispatchTimingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IAttendanceStore, PostgresAttendanceStore>();
        builder.Services.AddSingleton<IOfficerDirectory, PostgresOfficerDirectory>();
        builder.Services.AddSingleton<PostgresPositionLog>();
        builder.Services.AddSingleton<IPositionLog>(sp => sp.GetRequiredService<PostgresPositionLog>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PostgresPositionLog>());
        builder.Services.AddOptions<ProjectionOptions>().BindConfiguration(ProjectionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ComplaintProjectionWriter>();
        builder.Services.AddSingleton<IComplaintProjection>(sp => sp.GetRequiredService<ComplaintProjectionWriter>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ComplaintProjectionWriter>());
        builder.Services.AddHostedService<AttendanceCloserStartup>();
        builder.Services.AddHostedService<HandOverCompaction>();
        return builder;
    }

    /// <summary>The built-in Tangerang data set, or the city file named in configuration.</summary>
    public static CityModel LoadCity(string? definitionFile)
    {
        if (string.IsNullOrWhiteSpace(definitionFile))
        {
            return CityModel.BuiltIn();
        }

        try
        {
            var definition = CityCatalog.LoadFile(definitionFile);
            return new CityModel(definition, ZoneMapFactory.ForCity(definition));
        }
        catch (Exception ex) when (ex is IOException or CityDefinitionException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            throw new InvalidConfigurationException($"{DefinitionFileKey} '{definitionFile}' cannot be used: {ex.Message}", ex);
        }
    }
}
