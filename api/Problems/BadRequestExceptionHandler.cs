using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace TangerangLive.Api.Problems;

/// <summary>
/// Turns bad requests found while reading the body (malformed JSON, wrong types, too large, bad
/// multipart) into ProblemDetails with their own status, never a 500; JSON errors name the field.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => JsonProblem(json),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
            InvalidDataException bad => FormProblem(bad),
            _ => null,
        };
        if (problem is null || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    /// <summary>The 413 answer, also used when one photo is over its limit.</summary>
    public static ProblemDetails TooLarge(string? detail = null) => new()
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = "Request too large",
        Detail = detail ?? "The request body is larger than this endpoint accepts.",
    };

    /// <summary>A form the framework could not read (e.g. a NUL in a url-encoded value): the body is named, as no field can be.</summary>
    private static HttpValidationProblemDetails FormProblem(InvalidDataException bad) =>
        new(new Dictionary<string, string[]> { ["body"] = [bad.Message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body is not valid",
            Detail = bad.Message,
        };

    private static HttpValidationProblemDetails JsonProblem(JsonException json)
    {
        var field = FieldOf(json.Path);
        return new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [field] = [field == "body" ? "The body is not valid JSON." : $"The value of '{field}' is not valid here."],
        })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body is not valid",
            Detail = "The JSON could not be read" + (json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})." : "."),
        };
    }

    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? "body" : char.ToLowerInvariant(field[0]) + field[1..];
    }
}
