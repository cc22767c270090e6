using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Problems;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Api.Admin;

/// <summary>An account an admin creates: staff, or an officer's SIGAP sign-in.</summary>
public sealed record CreateUserRequest(string? Username, string? Password, string? Role, string? OfficerId);

/// <summary>Admins create accounts for staff and officers.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/api/admin/users").WithTags("Admin: accounts").RequireAuthorization(Policies.Admin).WithBodyLimit(16 * 1024);
        users.MapPost("/", CreateUser);
        return routes;
    }

    private static async Task<Results<Created<RegisteredUser>, ValidationProblem, ProblemHttpResult>> CreateUser(
        CreateUserRequest request, UserStore users, IOptions<AuthOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(request.Username is { Length: >= 3 and <= 64 } name && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'),
            "username", "Username must be 3-64 letters, digits, '.', '_' or '-'.");
        errors.Require(request.Password is { Length: >= AuthApi.MinPassword and <= AuthApi.MaxPassword }, "password", $"Password must be {AuthApi.MinPassword}-{AuthApi.MaxPassword} characters.");
        errors.CheckText("password", request.Password);
        errors.CheckText("role", request.Role);
        errors.Require(request.Role is { } role && Roles.All.Contains(role), "role", $"Role is one of {string.Join(", ", Roles.All)}.");
        errors.Require((request.Role == Roles.Officer) == (request.OfficerId is not null), "officerId", "Officer accounts, and only they, name their officer id.");
        errors.Require(request.OfficerId is null || OfficerKey.IsValidId(request.OfficerId), "officerId", "Officer id must be 1-64 letters, digits, '.', '_' or '-'.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var account = new UserAccount("u-" + Guid.NewGuid().ToString("N"), request.Username!, PasswordHasher.Hash(request.Password!, options.Value.PasswordIterations),
            request.Role!, request.OfficerId, time.GetUtcNow());
        return await users.TryCreateAsync(account, cancellationToken)
            ? TypedResults.Created($"/api/admin/users/{account.Id}", new RegisteredUser(account.Id, account.Username, account.Role))
            : TypedResults.Problem("The username, or the officer's account, already exists.", statusCode: StatusCodes.Status409Conflict, title: "Account exists");
    }
}
