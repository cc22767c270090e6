using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TangerangLive.Api.Attendance;
using TangerangLive.Api.Live;
using TangerangLive.Api.Roster;
using TangerangLive.Grains.Live;

namespace TangerangLive.Api;

/// <summary>The public surface: endpoint groups per feature, hubs, problem details.</summary>
public static class ApiSetup
{
    public static WebApplicationBuilder AddTangerangApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<LiveEventBatcher>();
        builder.Services.AddSingleton<ILiveEventSink>(sp => sp.GetRequiredService<LiveEventBatcher>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveEventBatcher>());
        builder.Services.AddSingleton<LiveRoomObserver>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveRoomObserver>());
        return builder;
    }

    public static WebApplication MapTangerangApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapRosterApi();
        app.MapAttendanceApi();
        app.MapHub<LiveRoomHub>("/hubs/liveroom");
        app.MapHub<OfficerHub>("/hubs/officer");
        app.MapGet("/", () => TypedResults.Redirect("/openapi/v1.json")).ExcludeFromDescription();
        return app;
    }
}
