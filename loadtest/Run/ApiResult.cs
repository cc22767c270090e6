using System.Net;

namespace TangerangLive.LoadTest.Run;

/// <summary>What one API call gave: the value on success, else the status (0 without a response), the error kind and the server's Retry-After.</summary>
internal readonly record struct ApiResult<T>(bool Ok, HttpStatusCode Status, T? Value, string? ErrorKind, string? Detail, TimeSpan? RetryAfter = null)
{
    public static ApiResult<T> Success(HttpStatusCode status, T? value) => new(true, status, value, null, null);

    public static ApiResult<T> Failure(HttpStatusCode status, string kind, string? detail, TimeSpan? retryAfter = null) => new(false, status, default, kind, detail, retryAfter);
}

/// <summary>The body of a response nobody reads.</summary>
internal sealed record NoBody;
