using System.ComponentModel.DataAnnotations;
using System.Net;

namespace TangerangLive.Silo.Hosting;

/// <summary>Where this silo listens and which cluster it joins.</summary>
public sealed class SiloHostOptions : IValidatableObject
{
    public const string Section = "Silo";

    /// <summary>HTTP port of the API, the hubs, health, metrics and the dashboard.</summary>
    [Range(1, 65535)]
    public int HttpPort { get; set; } = 8080;

    /// <summary>Address the HTTP server binds to.</summary>
    [Required]
    public string HttpHost { get; set; } = "127.0.0.1";

    /// <summary>Silo-to-silo port.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for external Orleans clients.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at.</summary>
    [Required]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>The cluster (deployment) this silo joins; silos with the same id form one cluster.</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,100}$", ErrorMessage = "ClusterId must be 1-100 letters, digits, '.', '_' or '-'.")]
    public string ClusterId { get; set; } = "tangerang-live";

    /// <summary>The service whose grain state and reminders this silo serves; stable across deployments.</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,100}$", ErrorMessage = "ServiceId must be 1-100 letters, digits, '.', '_' or '-'.")]
    public string ServiceId { get; set; } = "tangerang-live";

    /// <summary>Seconds between membership probes; a silo missing three is voted dead.</summary>
    [Range(1, 60)]
    public int ProbeTimeoutSeconds { get; set; } = 5;

    /// <summary>Entries of the grain directory cache (where grains on other silos live).</summary>
    [Range(1_000, 10_000_000)]
    public int DirectoryCacheSize { get; set; } = 100_000;

    /// <summary>Folder for the rolling log files.</summary>
    [Required]
    public string LogDirectory { get; set; } = "logs";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (new[] { HttpPort, SiloPort, GatewayPort }.Distinct().Count() != 3)
        {
            yield return new ValidationResult(
                $"HttpPort ({HttpPort}), SiloPort ({SiloPort}) and GatewayPort ({GatewayPort}) must all differ.",
                [nameof(HttpPort), nameof(SiloPort), nameof(GatewayPort)]);
        }

        if (!IPAddress.TryParse(AdvertisedAddress, out _))
        {
            yield return new ValidationResult($"AdvertisedAddress '{AdvertisedAddress}' is not an IP address.", [nameof(AdvertisedAddress)]);
        }
    }
}
