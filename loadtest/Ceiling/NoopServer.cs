using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TangerangLive.LoadTest.Ceiling;

/// <summary>
/// The no-op ceiling's server: Kestrel in this process on 127.0.0.1, answering the paths the ramp
/// sends with the least an ASP.NET Core endpoint can do: the heartbeat and report endpoints read and
/// bind the JSON body and answer a small JSON 200 of the engine's shape, OsmAnd answers an empty 200.
/// A request without an Authorization header gets 401, as on the engine, but no token is checked. The
/// officer hub's path takes SignalR connections whose <c>Heartbeat</c> binds the position and answers
/// the engine's result shape (a connection without a token is closed).
/// It shares the machine (and this process's thread pool) with the client.
/// </summary>
internal sealed class NoopServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NoopServer(WebApplication app, Uri url) => (_app, Url) = (app, url);

    public Uri Url { get; }

    /// <summary>Starts on 127.0.0.1:<paramref name="port"/> (0: a free port the system picks).</summary>
    public static async Task<NoopServer> StartAsync(int port, CancellationToken cancellation)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSignalR();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        app.MapPost("/api/me/heartbeat", Heartbeat);
        app.MapGet("/osmand", () => TypedResults.Ok());
        app.MapPost("/api/reports", Report);
        app.MapHub<NoopHub>("/hubs/officer");
        await app.StartAsync(cancellation);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The no-op server reported no address.");
        return new NoopServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private static Results<Ok<NoopHeartbeatAnswer>, UnauthorizedHttpResult> Heartbeat(NoopHeartbeat body, HttpRequest request) =>
        request.Headers.Authorization.Count == 0 ? TypedResults.Unauthorized() : TypedResults.Ok(new NoopHeartbeatAnswer(1, "noop", []));

    private static Results<Ok<NoopReportAnswer>, UnauthorizedHttpResult> Report(NoopReport body, HttpRequest request) =>
        request.Headers.Authorization.Count == 0 ? TypedResults.Unauthorized() : TypedResults.Ok(new NoopReportAnswer("noop", "Received", $"/api/reports/noop", false));
}

/// <summary>The no-op officer hub: binds a heartbeat and answers the engine's hub result shape.</summary>
internal sealed class NoopHub : Hub
{
    public override Task OnConnectedAsync()
    {
        if (Context.GetHttpContext()?.Request.Query["access_token"] is not { Count: 1 })
        {
            Context.Abort();
        }

        return Task.CompletedTask;
    }

    public NoopHubAnswer Heartbeat(NoopHeartbeat position) => new(true, null, null, 1, "noop", []);
}

/// <summary>The engine's hub heartbeat answer shape.</summary>
internal sealed record NoopHubAnswer(bool Ok, string? Error, IReadOnlyDictionary<string, string[]>? Errors, int Accepted, string? ZoneCode, IReadOnlyList<string> Flags);

/// <summary>The heartbeat body as the engine binds it.</summary>
internal sealed record NoopHeartbeat(double? Lat, double? Lon, DateTimeOffset? DeviceTime, double? Accuracy, double? Speed, double? Battery);

/// <summary>The engine's heartbeat answer shape.</summary>
internal sealed record NoopHeartbeatAnswer(int Accepted, string? ZoneCode, IReadOnlyList<string> Flags);

/// <summary>The report body as the engine binds it (photos left out by the ramp).</summary>
internal sealed record NoopReport(string? Category, string? Description, double? Lat, double? Lon, IReadOnlyList<string>? Photos);

/// <summary>The engine's report answer shape.</summary>
internal sealed record NoopReportAnswer(string Id, string Status, string TrackingUrl, bool Replayed);
