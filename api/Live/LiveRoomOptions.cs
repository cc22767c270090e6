namespace TangerangLive.Api.Live;

/// <summary>
/// How the Live Room page looks, from configuration (section "LiveRoom"): the zones are the map, so the
/// tile layer is off unless a tile URL is given; agencies without a configured colour take one from the
/// palette in the order the city lists them.
/// </summary>
public sealed class LiveRoomOptions
{
    public const string Section = "LiveRoom";

    /// <summary>A Leaflet tile URL template such as https://tile.example/{z}/{x}/{y}.png; empty: no tiles.</summary>
    public string TileUrl { get; set; } = "";

    public string TileAttribution { get; set; } = "";

    /// <summary>Agency code to CSS colour, for agencies whose colour the palette should not choose.</summary>
    public Dictionary<string, string> AgencyColors { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> Palette { get; set; } =
        ["#4ea8ff", "#c792ea", "#5fd18b", "#ffb347", "#ff6b6b", "#f7f48b", "#7fdbda", "#f78fb3", "#b8e994", "#e5c07b"];
}
