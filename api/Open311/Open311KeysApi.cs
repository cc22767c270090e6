using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Problems;

namespace TangerangLive.Api.Open311;

/// <summary>Names the client application a new api_key is for (e.g. "FixMyStreet Tangerang").</summary>
public sealed record CreateOpen311KeyRequest(string? Name);

/// <summary>A new api_key: <see cref="ApiKey"/> is shown this once and never again.</summary>
public sealed record IssuedOpen311Key(string KeyId, string Name, string ApiKey, DateTimeOffset CreatedAt);

/// <summary>Admins issue one Open311 api_key per client application, list them and revoke them.</summary>
public static class Open311KeysApi
{
    public const int MaxName = 100;

    public static IEndpointRouteBuilder MapOpen311KeysApi(this IEndpointRouteBuilder routes)
    {
        var keys = routes.MapGroup("/api/admin/open311/keys").WithTags("Admin: Open311 api keys").RequireAuthorization(Policies.Admin).WithBodyLimit(16 * 1024);
        keys.MapPost("/", Create);
        keys.MapGet("/", List);
        keys.MapDelete("/{keyId}", Revoke);
        return routes;
    }

    private static async Task<Results<Created<IssuedOpen311Key>, ValidationProblem>> Create(
        CreateOpen311KeyRequest request, ClaimsPrincipal user, Open311KeyStore keys, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrWhiteSpace(request.Name) && request.Name.Length <= MaxName, "name", $"Name the client application, at most {MaxName} characters.");
        errors.CheckText("name", request.Name);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (key, info) = await keys.IssueAsync(request.Name!.Trim(), user.Identity?.Name ?? user.UserId(), cancellationToken);
        return TypedResults.Created($"/api/admin/open311/keys/{key.KeyId}", new IssuedOpen311Key(key.KeyId, info.Name, key.Text, info.CreatedAt));
    }

    private static async Task<Ok<IReadOnlyList<Open311KeyInfo>>> List(Open311KeyStore keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(await keys.ListAsync(cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(string keyId, Open311KeyStore keys, CancellationToken cancellationToken) =>
        keyId.Length <= 64 && await keys.RevokeAsync(keyId, cancellationToken) ? TypedResults.NoContent() : CommandProblems.NotFound("live api key");
}
