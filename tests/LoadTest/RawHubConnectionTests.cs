using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TangerangLive.LoadTest.Core;

namespace TangerangLive.Tests.LoadTest;

/// <summary>
/// The load generator's wire-level SignalR client against a real ASP.NET Core SignalR hub: completions
/// matched to their invocations when many are in flight and pushes arrive between them, a hub error
/// reported as such, and a connection the server refuses.
/// </summary>
public sealed class RawHubConnectionTests : IAsyncLifetime
{
    private WebApplication? _app;
    private Uri _hub = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSignalR();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapHub<EchoHub>("/hubs/echo");
        await _app.StartAsync();
        var http = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _hub = new Uri($"ws://{http.Authority}/hubs/echo");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Each_completion_reaches_its_own_invocation_with_pushes_in_between()
    {
        using var connection = await RawHubConnection.OpenAsync(_hub, "token", CancellationToken.None);

        // Even values are answered ok, odd ones refused; the hub pushes a message before each answer.
        var calls = Enumerable.Range(0, 200).Select(async value =>
        {
            var id = connection.NextId();
            var answer = await connection.InvokeAsync(id, Invocation(id, "Check", value), CancellationToken.None);
            return (value, answer);
        }).ToList();
        foreach (var (value, answer) in await Task.WhenAll(calls))
        {
            Assert.Equal(value % 2 == 0, answer.Ok);
            Assert.Equal(value % 2 == 0 ? null : $"odd {value}", answer.Error);
        }

        Assert.True(connection.Open);
    }

    [Fact]
    public async Task A_hub_exception_is_an_answer_with_the_hubs_error()
    {
        using var connection = await RawHubConnection.OpenAsync(_hub, "token", CancellationToken.None);
        var id = connection.NextId();
        var answer = await connection.InvokeAsync(id, Invocation(id, "Fail", 1), CancellationToken.None);
        Assert.False(answer.Ok);
        Assert.Contains("An unexpected error occurred invoking 'Fail' on the server.", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_the_server_closes_fails_its_invocations()
    {
        using var connection = await RawHubConnection.OpenAsync(_hub, "no-entry", CancellationToken.None);
        var id = connection.NextId();
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => connection.InvokeAsync(id, Invocation(id, "Check", 2), CancellationToken.None));
        Assert.False(connection.Open);
    }

    private static byte[] Invocation(long id, string target, int value) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{target}\",\"arguments\":[{value}]}}\u001e"));

    /// <summary>A hub with the engine's result shape (ok, error) that pushes to its caller before answering.</summary>
    private sealed class EchoHub : Hub
    {
        public override Task OnConnectedAsync()
        {
            if (Context.GetHttpContext()?.Request.Query["access_token"].ToString() == "no-entry")
            {
                Context.Abort();
            }

            return Task.CompletedTask;
        }

        public async Task<EchoResult> Check(int value)
        {
            await Clients.Caller.SendAsync("Assignment", new { complaintId = $"push-{value}", ok = false });
            return new EchoResult(value % 2 == 0, value % 2 == 0 ? null : $"odd {value}", [value]);
        }

        public int Fail(int value) => throw new InvalidOperationException($"failing {value}");
    }

    private sealed record EchoResult(bool Ok, string? Error, IReadOnlyList<int> Values);
}
