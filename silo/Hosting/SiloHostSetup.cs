using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using TangerangLive.Api.Auth;

namespace TangerangLive.Silo.Hosting;

/// <summary>Binds and checks the silo's own settings and points Kestrel at its HTTP port.</summary>
public static class SiloHostSetup
{
    public static SiloHostOptions AddSiloHostOptions(this WebApplicationBuilder builder)
    {
        var silo = ConfigurationCheck.BindAndValidate<SiloHostOptions>(builder.Configuration, SiloHostOptions.Section);
        builder.Services.AddOptions<SiloHostOptions>()
            .BindConfiguration(SiloHostOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.WebHost.UseUrls($"http://{silo.HttpHost}:{silo.HttpPort}");
        return silo;
    }

    /// <summary>The Orleans dashboard under /dashboard, for admins only (browsers sign in at /login).</summary>
    public static WebApplication MapTangerangDashboard(this WebApplication app)
    {
        app.MapOrleansDashboard(routePrefix: AuthSetup.DashboardPrefix).RequireAuthorization(Policies.Admin);
        return app;
    }
}
