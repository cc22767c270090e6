using System.ComponentModel.DataAnnotations;

namespace TangerangLive.Api.Auth;

/// <summary>Token signing, lifetimes, cookie and demo accounts (section "Auth").</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>HS256 key (base64 or plain text, at least 32 bytes). When absent the cluster shares one kept in the database.</summary>
    public string? SigningKey { get; set; }

    [Required]
    public string Issuer { get; set; } = "tangerang-live";

    [Required]
    public string Audience { get; set; } = "tangerang-live";

    [Range(1, 168)]
    public int TokenLifetimeHours { get; set; } = 12;

    /// <summary>Lifetime of the access tokens a SIGAP app gets for its device credential; revoking the credential stops renewal.</summary>
    [Range(1, 24 * 60)]
    public int DeviceTokenLifetimeMinutes { get; set; } = 60;

    /// <summary>PBKDF2 iterations for new password hashes.</summary>
    [Range(100_000, 10_000_000)]
    public int PasswordIterations { get; set; } = 120_000;

    /// <summary>
    /// Seed the demo accounts when the users table is empty. When not set: only on the embedded database,
    /// or when <see cref="DemoPassword"/> is configured.
    /// </summary>
    public bool? SeedDemoAccounts { get; set; }

    /// <summary>
    /// The demo accounts' password; when absent, a fixed demo password on the embedded database. A shared
    /// database without it gets no demo accounts. Never written to the logs.
    /// </summary>
    public string? DemoPassword { get; set; }

    /// <summary>
    /// Validated tokens remembered (by hash, until they expire) so a heartbeat does not parse and verify its
    /// token again; about 1 KB each. Past this many the table starts again.
    /// </summary>
    [Range(0, 10_000_000)]
    public int ValidatedTokenCacheSize { get; set; } = 200_000;

    /// <summary>The HttpOnly cookie a browser signs in with (dashboard).</summary>
    [Required]
    public string CookieName { get; set; } = "tl_token";
}
