using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;
using TangerangLive.Api.Admin;
using TangerangLive.Api.Attendance;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Enrolment;
using TangerangLive.Api.Field;
using TangerangLive.Api.Intake;
using TangerangLive.Api.Live;
using TangerangLive.Api.Observability;
using TangerangLive.Api.Open311;
using TangerangLive.Api.Ops;
using TangerangLive.Api.Problems;
using TangerangLive.Api.Reports;
using TangerangLive.Api.Tracking;
using TangerangLive.Api.Zones;
using TangerangLive.Grains.Live;

namespace TangerangLive.Api;

/// <summary>The public surface: endpoint groups per feature, hubs, authentication, problem details.</summary>
public static class ApiSetup
{
    public static WebApplicationBuilder AddTangerangApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<ClusterUnavailableHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        builder.Services.AddOpenApi();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddTangerangAuth();
        builder.AddTrustedProxies();
        builder.AddTangerangRateLimits();
        builder.AddDeviceTokens();
        builder.AddRosterImport();
        builder.AddOpen311();

        builder.Services.AddOptions<PhotoOptions>().BindConfiguration(PhotoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PhotoStore>();
        builder.Services.AddHostedService<PhotoOrphanSweep>();
        builder.Services.AddSingleton<ReportIntake>();
        builder.Services.AddSingleton<ReportQueries>();
        builder.Services.AddSingleton<ProjectionQuarantine>();
        builder.Services.AddSingleton<DeviceDirectory>();
        builder.Services.AddSingleton<PlaceFinder>();
        builder.Services.AddOptions<SocialIntakeOptions>().BindConfiguration(SocialIntakeOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<SocialMessageStore>();
        builder.Services.AddSingleton<SocialReporter>();
        builder.Services.AddSingleton<EngineMetrics>();
        builder.Services.AddSingleton<IIncomingGrainCallFilter, ScreenGrainCalls>();

        builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton<LiveEventBatcher>();
        builder.Services.AddSingleton<ILiveEventSink>(sp => sp.GetRequiredService<LiveEventBatcher>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveEventBatcher>());
        builder.Services.AddSingleton<LiveRoomObserver>();
        builder.Services.AddOptions<LiveRoomOptions>().BindConfiguration(LiveRoomOptions.Section);
        builder.Services.AddSingleton<LiveRoomFigureQuery>();
        builder.Services.AddSingleton<LiveRoomAttendanceQuery>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveRoomObserver>());
        return builder;
    }

    public static WebApplication MapTangerangApi(this WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHeartbeatFastPath();
        app.UseLiveRoomPage();
        app.UseRequestBodyLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapOpenApi();
        app.MapScalarApiReference("/scalar", o => o.WithTitle("Tangerang Live API"));
        app.MapGet("/api-docs", () => TypedResults.Redirect("/scalar")).ExcludeFromDescription();

        app.MapAuthApi();
        app.MapReportsApi();
        app.MapPhotosApi();
        app.MapFieldApi();
        app.MapOsmAndApi();
        app.MapOpsQueueApi();
        app.MapOpsOverrideApi();
        app.MapOperatorIntakeApi();
        app.MapSocialIntakeApi();
        app.MapTriageApi();
        app.MapIntakeCityApi();
        app.MapDispatchControlApi();
        app.MapRosterApi();
        app.MapRosterImportApi();
        app.MapDeviceTokenApi();
        app.MapAttendanceApi();
        app.MapUsersApi();
        app.MapProjectionApi();
        app.MapCityApi();
        app.MapZonesApi();
        app.MapOpen311Api();
        app.MapLiveRoomApi();

        app.MapHub<LiveRoomHub>("/hubs/liveroom").RequireAuthorization(Policies.StaffRead);
        // The officer's connection carries positions too: it ends when its token does, as an HTTP heartbeat with that token would be refused.
        app.MapHub<OfficerHub>("/hubs/officer", o => o.CloseOnAuthenticationExpiration = true).RequireAuthorization(Policies.FieldOfficer);
        return app;
    }
}
