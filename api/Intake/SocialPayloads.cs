using System.Text.Json;
using TangerangLive.Api.Problems;

namespace TangerangLive.Api.Intake;

/// <summary>
/// Reads the three payload styles of the social-media bridge into <see cref="SocialMessage"/>s:
/// Twitter/X (API v2: <c>data</c> with <c>includes.users</c> and <c>includes.media</c>), Facebook (page
/// webhook: <c>entry[].changes[].value</c> of the feed) and WhatsApp Business (Cloud API webhook:
/// <c>entry[].changes[].value.messages[]</c> of type text, location or image). Members not used are ignored.
/// </summary>
public static class SocialPayloads
{
    public const int MaxText = 4000;
    public const int MaxPhotos = 10;
    public const int MaxMessages = 100;

    public static List<SocialMessage> Read(string source, JsonElement root, ValidationErrors errors)
    {
        var messages = new List<SocialMessage>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "The payload must be a JSON object.");
            return messages;
        }

        switch (source)
        {
            case "twitter":
                ReadTwitter(root, messages);
                break;
            case "facebook":
                ReadMeta(root, value => ReadFacebook(value, messages));
                break;
            default:
                ReadMeta(root, value => ReadWhatsApp(value, messages));
                break;
        }

        if (messages.Count == 0)
        {
            errors.Add("body", $"No {source} message found in the payload.");
        }

        errors.Require(messages.Count <= MaxMessages, "body", $"At most {MaxMessages} messages per call.");
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            errors.Require(m.MessageId.Length is > 0 and <= 200 && CleanText.IsClean(m.MessageId), $"messages[{i}].id", "A message id of 1-200 characters is required.");
            errors.Require(m.Author.Length is > 0 and <= 200 && CleanText.IsClean(m.Author), $"messages[{i}].author", "The author's handle (1-200 characters) is required.");
            errors.Require(m.AuthorName is null || (m.AuthorName.Length <= 200 && CleanText.IsClean(m.AuthorName)), $"messages[{i}].authorName", "At most 200 characters.");
            errors.Require(m.Text.Length <= MaxText && CleanText.IsClean(m.Text, multiLine: true), $"messages[{i}].text", $"At most {MaxText} characters, no control characters.");
            errors.Require(m.Lat is null == m.Lon is null && m.Lat is null or (>= -90 and <= 90) && m.Lon is null or (>= -180 and <= 180), $"messages[{i}].coordinates", "Latitude -90..90 and longitude -180..180, both or neither.");
            errors.Require(m.PhotoUrls.Count <= MaxPhotos && m.PhotoUrls.All(IsPhotoUrl), $"messages[{i}].photos", $"At most {MaxPhotos} absolute http(s) URLs of at most 2048 characters.");
        }

        return messages;
    }

    private static bool IsPhotoUrl(string url) =>
        url.Length <= 2048 && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && CleanText.IsClean(url);

    private static void ReadTwitter(JsonElement root, List<SocialMessage> messages)
    {
        var includes = Member(root, "includes");
        var users = Array(includes, "users").ToDictionary(u => Text(u, "id") ?? string.Empty, u => u, StringComparer.Ordinal);
        var media = Array(includes, "media").ToDictionary(m => Text(m, "media_key") ?? string.Empty, m => m, StringComparer.Ordinal);
        var data = Member(root, "data");
        IEnumerable<JsonElement> tweets = data is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().ToList() : data is { } one ? [one] : [];
        foreach (var tweet in tweets.Where(t => t.ValueKind == JsonValueKind.Object))
        {
            var authorId = Text(tweet, "author_id") ?? string.Empty;
            var user = users.TryGetValue(authorId, out var u) ? u : (JsonElement?)null;
            var point = Member(Member(Member(tweet, "geo"), "coordinates"), "coordinates");
            var (lat, lon) = point is { ValueKind: JsonValueKind.Array } p && p.GetArrayLength() == 2 && p[0].TryGetDouble(out var x) && p[1].TryGetDouble(out var y)
                ? (y, x) : ((double?)null, (double?)null);
            var photos = Array(Member(tweet, "attachments"), "media_keys")
                .Select(k => k.ValueKind == JsonValueKind.String && media.TryGetValue(k.GetString()!, out var m) ? Text(m, "url") : null)
                .OfType<string>().ToList();
            var handle = Text(user, "username") is { } name ? "@" + name : authorId;
            messages.Add(new SocialMessage(Text(tweet, "id") ?? string.Empty, handle, Text(user, "name"), Text(tweet, "text") ?? string.Empty, lat, lon, photos));
        }
    }

    /// <summary>Facebook and WhatsApp share Meta's envelope: entry[].changes[].value.</summary>
    private static void ReadMeta(JsonElement root, Action<JsonElement> read)
    {
        foreach (var entry in Array(root, "entry"))
        {
            foreach (var change in Array(entry, "changes"))
            {
                if (Member(change, "value") is { ValueKind: JsonValueKind.Object } value)
                {
                    read(value);
                }
            }
        }
    }

    private static void ReadFacebook(JsonElement value, List<SocialMessage> messages)
    {
        var from = Member(value, "from");
        var location = Member(Member(value, "place"), "location");
        var photos = Array(value, "photos").Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).ToList();
        if (Text(value, "item") == "photo" && Text(value, "link") is { } link)
        {
            photos.Add(link);
        }

        var id = Text(value, "post_id") ?? Text(value, "comment_id") ?? string.Empty;
        messages.Add(new SocialMessage(id, Text(from, "id") ?? string.Empty, Text(from, "name"), Text(value, "message") ?? string.Empty,
            Number(location, "latitude"), Number(location, "longitude"), photos));
    }

    private static void ReadWhatsApp(JsonElement value, List<SocialMessage> messages)
    {
        var names = Array(value, "contacts").ToDictionary(c => Text(c, "wa_id") ?? string.Empty, c => Text(Member(c, "profile"), "name"), StringComparer.Ordinal);
        foreach (var message in Array(value, "messages"))
        {
            var from = Text(message, "from") ?? string.Empty;
            var location = Member(message, "location");
            var image = Member(message, "image");
            var text = Text(Member(message, "text"), "body") ?? Text(image, "caption")
                ?? string.Join(", ", new[] { Text(location, "name"), Text(location, "address") }.OfType<string>());
            var photo = Text(image, "link") ?? Text(image, "url");
            messages.Add(new SocialMessage(Text(message, "id") ?? string.Empty, from.Length == 0 || from.StartsWith('+') ? from : "+" + from, names.GetValueOrDefault(from), text,
                Number(location, "latitude"), Number(location, "longitude"), photo is null ? [] : [photo]));
        }
    }

    private static JsonElement? Member(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static IEnumerable<JsonElement> Array(JsonElement? element, string name) =>
        Member(element, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    private static string? Text(JsonElement? element, string name) => Member(element, name) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    private static double? Number(JsonElement? element, string name) => Member(element, name) switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetDouble(out var d) && double.IsFinite(d) => d,
        _ => null,
    };
}
