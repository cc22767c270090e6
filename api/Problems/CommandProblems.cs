using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TangerangLive.Api.Problems;

/// <summary>Shared answers for refused commands and validation.</summary>
public static class CommandProblems
{
    public static ProblemHttpResult Conflict(string? detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "The command was refused");

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem($"No {what} with this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>Collects validation errors by field.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors;

    public void Add(string field, string message) =>
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    /// <summary>Takes the other's errors; its messages win for a field both name.</summary>
    public void Merge(ValidationErrors other)
    {
        foreach (var (field, messages) in other._errors)
        {
            _errors[field] = messages;
        }
    }

    public void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            Add(field, message);
        }
    }

    public ValidationProblem ToProblem() => TypedResults.ValidationProblem(_errors);
}
