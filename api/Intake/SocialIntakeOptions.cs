namespace TangerangLive.Api.Intake;

/// <summary>
/// The social-media webhook (section "Intake:Social"): one shared secret per source (twitter, facebook,
/// whatsapp) for the HMAC-SHA256 signature of each call, and the words that name a category in a message.
/// A source without a secret is switched off.
/// </summary>
public sealed class SocialIntakeOptions
{
    public const string Section = "Intake:Social";

    /// <summary>Per source name (twitter, facebook, whatsapp): its secret.</summary>
    public Dictionary<string, SocialSourceOptions> Sources { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Category code to the words (Indonesian and English) that name it in a message; a category's code and
    /// name always count too. Configured lists replace these defaults for that category.
    /// </summary>
    public Dictionary<string, string[]> CategoryWords { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fire"] = ["kebakaran", "terbakar"],
        ["flood"] = ["banjir", "genangan", "tergenang"],
        ["fallen-tree"] = ["pohon tumbang", "pohon roboh", "pohon"],
        ["traffic-jam"] = ["macet", "kemacetan"],
        ["security"] = ["keributan", "tawuran", "keamanan"],
        ["street-light"] = ["lampu jalan", "pju", "lampu mati", "lampu merah mati"],
        ["illegal-parking"] = ["parkir liar", "parkir sembarangan"],
        ["damaged-road"] = ["jalan rusak", "jalan berlubang", "lubang", "pothole"],
        ["blocked-drainage"] = ["saluran mampet", "got mampet", "selokan", "drainase"],
        ["garbage"] = ["sampah", "tumpukan sampah"],
        ["park-damage"] = ["taman rusak"],
        ["street-vendor"] = ["pedagang kaki lima", "pkl"],
    };
}

/// <summary>One source of the social-media bridge.</summary>
public sealed class SocialSourceOptions
{
    /// <summary>The shared secret the bridge signs each call's raw body with (HMAC-SHA256); at least 16 characters.</summary>
    public string? Secret { get; set; }
}
