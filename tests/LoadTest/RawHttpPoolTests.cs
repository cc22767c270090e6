using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TangerangLive.LoadTest.Core;

namespace TangerangLive.Tests.LoadTest;

/// <summary>The load generator's raw HTTP/1.1 client against real Kestrel: every body framing, keep-alive and close.</summary>
public sealed class RawHttpPoolTests : IAsyncLifetime
{
    private WebApplication? _app;
    private Uri _url = null!;
    private int _requests;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Use((context, next) =>
        {
            Interlocked.Increment(ref _requests);
            return next(context);
        });
        _app.MapGet("/json", () => TypedResults.Ok(new { zone = "TNG-01", flags = Enumerable.Range(0, 500).Select(i => $"flag-{i}") }));
        _app.MapGet("/fixed", () => TypedResults.Text("twelve bytes", "text/plain"));
        _app.MapGet("/empty", () => TypedResults.NoContent());
        _app.MapGet("/close", (HttpResponse response) =>
        {
            response.Headers.Connection = "close";
            return TypedResults.Text("bye");
        });
        _app.MapPost("/echo-length", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            return TypedResults.Text((await reader.ReadToEndAsync()).Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        _app.MapGet("/missing", () => TypedResults.NotFound());
        _app.MapGet("/busy", (HttpResponse response) =>
        {
            response.Headers.RetryAfter = "2";
            return TypedResults.StatusCode(503);
        });
        await _app.StartAsync();
        _url = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_body_framing_is_read_to_its_end_and_the_connection_is_kept()
    {
        using var pool = new RawHttpPool(_url, connections: 1);
        var cancel = CancellationToken.None;
        string[] paths = ["/json", "/fixed", "/empty", "/missing", "/json", "/fixed"];
        var statuses = new List<int>();
        foreach (var path in paths)
        {
            statuses.Add((await pool.SendAsync(Get(path), cancel)).Status);
        }

        Assert.Equal([200, 200, 204, 404, 200, 200], statuses);
        Assert.Equal(paths.Length, _requests);
        Assert.Equal(1, pool.Open); // one keep-alive connection served all six
    }

    [Fact]
    public async Task A_connection_the_server_closes_is_replaced_and_a_body_is_sent_whole()
    {
        using var pool = new RawHttpPool(_url, connections: 1);
        var cancel = CancellationToken.None;
        Assert.Equal(200, (await pool.SendAsync(Get("/close"), cancel)).Status);
        Assert.Equal(0, pool.Open);
        var body = new string('x', 20_000);
        var post = Encoding.ASCII.GetBytes($"POST /echo-length HTTP/1.1\r\nHost: {_url.Authority}\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\n\r\n{body}");
        Assert.Equal(200, (await pool.SendAsync(post, cancel)).Status);
        Assert.Equal(1, pool.Open);
    }

    [Fact]
    public async Task A_503_says_whether_it_carried_Retry_After()
    {
        using var pool = new RawHttpPool(_url, connections: 1);
        Assert.Equal(new RawAnswer(503, RetryAfter: true), await pool.SendAsync(Get("/busy"), CancellationToken.None));
        Assert.Equal(new RawAnswer(404, RetryAfter: false), await pool.SendAsync(Get("/missing"), CancellationToken.None));
    }

    [Fact]
    public async Task Many_concurrent_requests_share_at_most_the_pools_connections()
    {
        using var pool = new RawHttpPool(_url, connections: 4);
        var cancel = CancellationToken.None;
        var statuses = (await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => pool.SendAsync(Get("/json"), cancel)))).Select(a => a.Status);
        Assert.All(statuses, s => Assert.Equal(200, s));
        Assert.InRange(pool.Open, 1, 4);
        Assert.Equal(200, _requests);
    }

    private byte[] Get(string path) => Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {_url.Authority}\r\n\r\n");
}
