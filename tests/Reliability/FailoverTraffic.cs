using System.Collections.Concurrent;
using System.Net;
using TangerangLive.Api.Live;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Reliability;

/// <summary>
/// Every HTTP answer the failover test's clients received (silo, method, path, status, Retry-After) and every
/// hub acknowledgement, so the test can say that no request answered 500 and every 503 said when to retry.
/// </summary>
internal sealed class FailoverTraffic
{
    private readonly ConcurrentQueue<Answer> _answers = new();
    private readonly ConcurrentQueue<string> _acknowledgements = new();

    public IReadOnlyList<Answer> Answers => [.. _answers];

    public IReadOnlyList<string> Acknowledgements => [.. _acknowledgements];

    /// <summary>A client for <paramref name="silo"/> whose answers are recorded.</summary>
    public HttpClient Client(SiloProcess silo) =>
        new(new Recorder(this, silo.HttpPort) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = silo.Http.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    public void Acknowledged(string officerId, string complaintId, HubCommandResult result) =>
        _acknowledgements.Enqueue($"{officerId} {complaintId}: {(result.Ok ? "ok" : result.Error)}");

    public sealed record Answer(int SiloPort, string Method, string Path, HttpStatusCode Status, TimeSpan? RetryAfter)
    {
        public override string ToString() => $"{Method} {Path} on :{SiloPort} -> {(int)Status} (Retry-After {RetryAfter?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})";
    }

    private sealed class Recorder(FailoverTraffic traffic, int port) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            traffic._answers.Enqueue(new Answer(port, request.Method.Method, request.RequestUri!.AbsolutePath, response.StatusCode, response.Headers.RetryAfter?.Delta));
            return response;
        }
    }
}
