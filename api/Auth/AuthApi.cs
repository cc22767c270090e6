using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using TangerangLive.Api.Problems;

namespace TangerangLive.Api.Auth;

/// <summary>Sign-in (token, or cookie for the dashboard) and citizens' self-registration.</summary>
public static partial class AuthApi
{
    public const int MinPassword = 8;
    public const int MaxPassword = 128;

    private static readonly Lazy<string> UnknownUserHash = new(() => PasswordHasher.Hash(Guid.NewGuid().ToString("N"), 120_000));

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/api/auth").WithTags("Auth").AllowAnonymous().RequireRateLimiting(RateLimits.SignIn);
        auth.MapPost("/token", IssueToken);
        auth.MapPost("/register", Register);
        auth.MapPost("/login", SignInWithForm).DisableAntiforgery().ExcludeFromDescription();
        routes.MapGet("/login", SignInPage).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    private static async Task<Results<Ok<IssuedToken>, ValidationProblem, ProblemHttpResult>> IssueToken(
        TokenRequest request, UserStore users, TokenIssuer tokens, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrWhiteSpace(request.Username) && request.Username.Length <= 64, "username", "Username is required, at most 64 characters.");
        errors.Require(!string.IsNullOrEmpty(request.Password) && request.Password.Length <= MaxPassword, "password", $"Password is required, at most {MaxPassword} characters.");
        errors.CheckText("username", request.Username);
        errors.CheckText("password", request.Password);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await VerifyAsync(users, request.Username!, request.Password!, cancellationToken) is { } account
            ? TypedResults.Ok(tokens.Issue(account))
            : TypedResults.Problem("Unknown username or wrong password.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
    }

    private static async Task<Results<Created<RegisteredUser>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, UserStore users, IOptions<AuthOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(request.Username is { } name && UsernamePattern().IsMatch(name), "username", "Username must be 3-64 letters, digits, '.', '_' or '-'.");
        errors.Require(request.Password is { Length: >= MinPassword and <= MaxPassword }, "password", $"Password must be {MinPassword}-{MaxPassword} characters.");
        errors.CheckText("password", request.Password);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var account = new UserAccount("u-" + Guid.NewGuid().ToString("N"), request.Username!, PasswordHasher.Hash(request.Password!, options.Value.PasswordIterations), Roles.Citizen, null, time.GetUtcNow());
        return await users.TryCreateAsync(account, cancellationToken)
            ? TypedResults.Created($"/api/auth/users/{account.Id}", new RegisteredUser(account.Id, account.Username, account.Role))
            : TypedResults.Problem("This username is taken.", statusCode: StatusCodes.Status409Conflict, title: "Username taken");
    }

    /// <summary>The browser sign-in: sets the HttpOnly token cookie and goes back to the page that asked.</summary>
    private static async Task<RedirectHttpResult> SignInWithForm(
        HttpContext context, UserStore users, TokenIssuer tokens, IOptions<AuthOptions> options, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var target = SameSitePath(form["returnUrl"].ToString());
        var username = form["username"].ToString();
        var password = form["password"].ToString();
        if (username.Length is 0 or > 64 || password.Length is 0 or > MaxPassword || !CleanText.IsClean(username) || !CleanText.IsClean(password)
            || await VerifyAsync(users, username, password, cancellationToken) is not { } account)
        {
            return TypedResults.Redirect("/login?failed=1&returnUrl=" + Uri.EscapeDataString(target));
        }

        var token = tokens.Issue(account);
        context.Response.Cookies.Append(options.Value.CookieName, token.AccessToken, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            Expires = token.ExpiresAt,
        });
        return TypedResults.Redirect(target);
    }

    private static ContentHttpResult SignInPage(string? returnUrl, string? failed)
    {
        var message = failed is null ? string.Empty : "<p role=\"alert\">Unknown username or wrong password.</p>";
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Tangerang Live: sign in</title>
            <style>body{font-family:system-ui;max-width:22rem;margin:4rem auto}label,input,button{display:block;width:100%;margin:.4rem 0}</style></head>
            <body><h1>Tangerang Live</h1>{{message}}
            <form method="post" action="/api/auth/login">
            <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(SameSitePath(returnUrl))}}">
            <label>Username <input name="username" autocomplete="username" required></label>
            <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
            <button type="submit">Sign in</button></form></body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>
    /// Where to go after signing in: a path on this site, else the dashboard. Refuses anything a browser
    /// could read as another host ("//evil", "/\\evil", "https://evil"), also once percent-decoded, and
    /// any control character.
    /// </summary>
    public static string SameSitePath(string? returnUrl)
    {
        static bool Safe(string path) =>
            path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal) && CleanText.IsClean(path);

        return returnUrl is { Length: > 0 and <= 2048 } && Safe(returnUrl) && Safe(Uri.UnescapeDataString(returnUrl))
            ? returnUrl
            : AuthSetup.DashboardPrefix;
    }

    private static async Task<UserAccount?> VerifyAsync(UserStore users, string username, string password, CancellationToken cancellationToken)
    {
        var account = await users.FindByUsernameAsync(username.Trim(), cancellationToken);

        // An unknown username costs the same hashing as a known one, so timing does not tell them apart.
        var verified = PasswordHasher.Verify(password, account?.PasswordHash ?? UnknownUserHash.Value);
        return account is not null && verified ? account : null;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{3,64}$")]
    private static partial Regex UsernamePattern();
}
