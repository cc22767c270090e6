using System.ComponentModel.DataAnnotations;

namespace TangerangLive.Api.Open311;

/// <summary>The Open311 GeoReport v2 server (section "Open311").</summary>
public sealed class Open311Options
{
    public const string Section = "Open311";

    /// <summary>
    /// The jurisdiction_id clients send, conventionally the city's web domain; the city's own id
    /// (e.g. "kota-tangerang") is accepted as well, and an absent or empty value means this city.
    /// </summary>
    [MaxLength(200)]
    public string JurisdictionId { get; set; } = "tangerangkota.go.id";

    /// <summary>discovery: who to contact about the endpoint.</summary>
    [MaxLength(500)]
    public string Contact { get; set; } = "Command centre, Kota Tangerang (via the city's administrators)";

    /// <summary>discovery: how a client application obtains an api_key.</summary>
    [MaxLength(500)]
    public string KeyService { get; set; } = "An administrator issues one api_key per client application: POST /api/admin/open311/keys.";

    /// <summary>discovery: the public base URL of this server (e.g. https://live.tangerangkota.go.id); default: taken from the request.</summary>
    [MaxLength(500)]
    public string? PublicUrl { get; set; }

    /// <summary>discovery: the endpoint's type, "production" or "test".</summary>
    [RegularExpression("^(production|test)$")]
    public string EndpointType { get; set; } = "production";

    /// <summary>Anonymous reads (GET) per client address per minute.</summary>
    [Range(1, 1_000_000)]
    public int ReadsPerMinute { get; set; } = 120;

    /// <summary>How long a verified api_key is trusted before it is checked against the database again (seconds).</summary>
    [Range(0, 3600)]
    public int KeyCacheSeconds { get; set; } = 60;
}
