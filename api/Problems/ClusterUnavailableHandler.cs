using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;

namespace TangerangLive.Api.Problems;

/// <summary>
/// Faults that pass by themselves (a silo died and the cluster has not declared it dead yet, a grain call
/// timed out, a state write failed) answer 503 with Retry-After, never 500: the client retries, with the same
/// Idempotency-Key for a report, and nothing half-done was kept (see the silo's StorageFaultFilter).
/// </summary>
public sealed partial class ClusterUnavailableHandler(IProblemDetailsService problems, ILogger<ClusterUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Temporarily unavailable",
                Detail = $"The cluster could not complete the request ({exception.GetType().Name}); nothing was changed by the failed part. Retry after {RetryAfterSeconds} s.",
            },
        });
    }

    public static bool IsTransient(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or DbException or InconsistentStateException
                or ClientNotAvailableException)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {Exception}: {Message}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string exception, string message);
}
