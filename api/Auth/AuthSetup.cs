using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace TangerangLive.Api.Auth;

/// <summary>
/// JWT bearer authentication (HS256, a key shared by the cluster) and role policies. Browsers reach
/// the dashboard with the HttpOnly cookie set by the sign-in form; SignalR clients over WebSockets pass
/// the token as access_token in the query string (hubs only).
/// </summary>
public static class AuthSetup
{
    public const string HubPrefix = "/hubs";
    public const string DashboardPrefix = "/dashboard";

    public static WebApplicationBuilder AddTangerangAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SigningKeyProvider>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<UserStore>();
        builder.Services.AddHostedService<AuthBootstrap>();

        builder.Services.AddAuthentication(authentication => authentication.AddScheme(
                CachedBearerHandler.SchemeName, scheme => scheme.HandlerType = typeof(CachedBearerHandler)))
            .AddJwtBearer();
        builder.Services.AddTransient<CachedBearerHandler>();
        builder.Services.Configure<AuthenticationOptions>(authentication => authentication.DefaultScheme = CachedBearerHandler.SchemeName);
        builder.Services.AddSingleton(services => new ValidatedTokenCache(
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<IOptions<AuthOptions>>().Value.ValidatedTokenCacheSize));
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyProvider, IOptions<AuthOptions>, ValidatedTokenCache>((jwt, keys, auth, cache) =>
            {
                jwt.MapInboundClaims = false;
                jwt.SaveToken = false; // nothing reads the raw token back from the ticket; storing it cost 0.9 % per request
                jwt.TokenHandlers.Clear();
                jwt.TokenHandlers.Add(cache);
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Audience,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    IssuerSigningKeyResolver = (_, _, _, _) => [keys.Key],
                    NameClaimType = UserClaims.Name,
                    RoleClaimType = UserClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context => ReadToken(context, auth.Value.CookieName),
                    OnChallenge = RedirectBrowsersToSignIn,
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Reporter, p => p.RequireRole(Roles.Citizen, Roles.Operator, Roles.Supervisor, Roles.Admin))
            .AddPolicy(Policies.FieldOfficer, p => p.RequireRole(Roles.Officer).RequireClaim(UserClaims.OfficerId))
            .AddPolicy(Policies.StaffRead, p => p.RequireRole(Roles.Operator, Roles.Supervisor, Roles.Admin, Roles.Viewer))
            .AddPolicy(Policies.Operate, p => p.RequireRole(Roles.Operator, Roles.Supervisor, Roles.Admin))
            .AddPolicy(Policies.Supervise, p => p.RequireRole(Roles.Supervisor, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
        return builder;
    }

    private static Task ReadToken(MessageReceivedContext context, string cookieName)
    {
        var request = context.Request;
        if (request.Headers.Authorization.Count > 0)
        {
            return Task.CompletedTask;
        }

        if (request.Path.StartsWithSegments(HubPrefix) && request.Query["access_token"] is { Count: 1 } query)
        {
            context.Token = query.ToString();
        }
        else if (request.Path.StartsWithSegments(DashboardPrefix) && request.Cookies[cookieName] is { Length: > 0 } cookie)
        {
            context.Token = cookie;
        }

        return Task.CompletedTask;
    }

    private static Task RedirectBrowsersToSignIn(JwtBearerChallengeContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments(DashboardPrefix) && HttpMethods.IsGet(request.Method))
        {
            context.HandleResponse();
            context.Response.Redirect("/login?returnUrl=" + Uri.EscapeDataString(request.Path + request.QueryString));
        }

        return Task.CompletedTask;
    }
}
