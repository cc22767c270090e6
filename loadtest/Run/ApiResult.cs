using System.Net;

namespace TangerangLive.LoadTest.Run;

/// <summary>What one API call gave: the value on success, else the status (0 without a response) and the error kind.</summary>
internal readonly record struct ApiResult<T>(bool Ok, HttpStatusCode Status, T? Value, string? ErrorKind, string? Detail)
{
    public static ApiResult<T> Success(HttpStatusCode status, T? value) => new(true, status, value, null, null);

    public static ApiResult<T> Failure(HttpStatusCode status, string kind, string? detail) => new(false, status, default, kind, detail);
}

/// <summary>The body of a response nobody reads.</summary>
internal sealed record NoBody;
