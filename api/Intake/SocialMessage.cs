namespace TangerangLive.Api.Intake;

/// <summary>
/// One message from a social-media source, whatever the payload style: its id at the source, the
/// author's handle (a WhatsApp sender is a phone number), the author's display name, the text, an optional
/// point, and photo URLs (stored, never fetched).
/// </summary>
public sealed record SocialMessage(
    string MessageId,
    string Author,
    string? AuthorName,
    string Text,
    double? Lat,
    double? Lon,
    IReadOnlyList<string> PhotoUrls);
