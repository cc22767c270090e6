using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TangerangLive.Api.Observability;

/// <summary>
/// Counts the grain calls a screen's data request really causes, not what its handler claims: the request
/// names its screen in the Orleans request context, which travels with every grain call it makes and with
/// every call those grains make in turn, and each grain call that arrives carrying it is counted on
/// tangerang.screen.grain_calls, tagged by screen and grain interface. A screen that asked every officer
/// grain, directly or through a zone, would show it here.
/// </summary>
public sealed class ScreenGrainCalls(EngineMetrics metrics) : IIncomingGrainCallFilter
{
    private const string ScreenKey = "tl-screen";

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (RequestContext.Get(ScreenKey) is string screen)
        {
            metrics.ScreenGrainCall(screen, GrainName(context.InterfaceName));
        }

        return context.Invoke();
    }

    /// <summary>Marks the endpoint's requests as refreshes of <paramref name="screen"/>: counted, and their grain calls counted.</summary>
    public static TBuilder ForScreen<TBuilder>(TBuilder builder, string screen)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.RequestServices.GetRequiredService<EngineMetrics>().ScreenRefreshed(screen);
            RequestContext.Set(ScreenKey, screen);
            try
            {
                return await next(context);
            }
            finally
            {
                RequestContext.Remove(ScreenKey);
            }
        });

    /// <summary>"TangerangLive.Grains.Zones.IZoneGrain" as "IZoneGrain".</summary>
    private static string GrainName(string interfaceName) =>
        interfaceName.LastIndexOf('.') is var dot and >= 0 ? interfaceName[(dot + 1)..] : interfaceName;
}

/// <summary>Endpoint conventions for screens' data requests.</summary>
public static class ScreenEndpoints
{
    /// <summary>Counts this endpoint's requests as refreshes of <paramref name="screen"/> and the grain calls each makes.</summary>
    public static TBuilder WithScreen<TBuilder>(this TBuilder builder, string screen)
        where TBuilder : IEndpointConventionBuilder => ScreenGrainCalls.ForScreen(builder, screen);
}
