using Microsoft.AspNetCore.Http;

namespace TangerangLive.Api.Open311;

/// <summary>One error of an Open311 answer: a code (the HTTP status) and what was wrong.</summary>
public sealed record Open311Error(int Code, string Description);

/// <summary>Spec-shaped errors: a list of code/description, 404 for a missing resource, 403 for the api key, 400 otherwise.</summary>
public static class Open311Errors
{
    public static Open311Result Of(Open311Format format, int statusCode, IEnumerable<string> descriptions) =>
        new(Document(descriptions.Select(d => new Open311Error(statusCode, d))), format, statusCode);

    public static Open311Result BadRequest(Open311Format format, params string[] descriptions) =>
        Of(format, StatusCodes.Status400BadRequest, descriptions);

    public static Open311Result NotFound(Open311Format format, string description) =>
        Of(format, StatusCodes.Status404NotFound, [description]);

    public static Open311Result Forbidden(Open311Format format, string description) =>
        Of(format, StatusCodes.Status403Forbidden, [description]);

    public static Open311Document Document(IEnumerable<Open311Error> errors) =>
        new("errors", Open311Node.List("error", errors.Select(e => Open311Node.Object(
            ("code", Open311Node.Number(e.Code)),
            ("description", Open311Node.Text(e.Description))))));
}
