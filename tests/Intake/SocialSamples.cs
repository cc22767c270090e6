using System.Globalization;
using System.Text.Json;

namespace TangerangLive.Tests.Intake;

/// <summary>Webhook payloads in the three styles the bridge forwards, with the members those platforms send.</summary>
public static class SocialSamples
{
    public static string Tweet(string id, string text, (double Lat, double Lon)? at = null, params string[] photoUrls)
    {
        var geo = at is { } p ? FormattableString.Invariant($$$""", "geo": {"coordinates": {"type": "Point", "coordinates": [{{{p.Lon}}}, {{{p.Lat}}}]}, "place_id": "01a9a39529b27f36"}""") : "";
        var keys = photoUrls.Select((_, i) => $"\"3_{id}_{i}\"");
        var media = photoUrls.Select((url, i) => $$$"""{"media_key": "3_{{{id}}}_{{{i}}}", "type": "photo", "url": {{{JsonSerializer.Serialize(url)}}}, "width": 1024}""");
        return $$$"""
            {"data": {"id": "{{{id}}}", "text": {{{JsonSerializer.Serialize(text)}}}, "author_id": "2244994945", "created_at": "2026-11-30T09:00:00.000Z", "lang": "in",
                      "attachments": {"media_keys": [{{{string.Join(", ", keys)}}}]}{{{geo}}}},
             "includes": {"users": [{"id": "2244994945", "username": "warga_tng", "name": "Warga Tangerang"}],
                          "media": [{{{string.Join(", ", media)}}}]},
             "matching_rules": [{"id": "1", "tag": "tangerang"}]}
            """;
    }

    public static string FacebookPost(string postId, string message, params string[] photoUrls) => $$$"""
        {"object": "page", "entry": [{"id": "104213", "time": 1764493200, "changes": [{"field": "feed", "value": {
            "item": "status", "verb": "add", "post_id": "{{{postId}}}", "message": {{{JsonSerializer.Serialize(message)}}},
            "from": {"id": "5567123", "name": "Siti Aminah"}, "created_time": 1764493200, "published": 1,
            "photos": [{{{string.Join(", ", photoUrls.Select(u => JsonSerializer.Serialize(u)))}}}]}}]}]}
        """;

    public static string WhatsAppText(string id, string text) => WhatsApp(id, $$$"""{"type": "text", "text": {"body": {{{JsonSerializer.Serialize(text)}}} } }""");

    public static string WhatsAppLocation(string id, double lat, double lon, string name) => WhatsApp(id, FormattableString.Invariant($$$"""
        {"type": "location", "location": {"latitude": {{{lat}}}, "longitude": {{{lon}}}, "name": {{{JsonSerializer.Serialize(name)}}}, "address": "Tangerang"}}
        """));

    private static string WhatsApp(string id, string typed) => $$$"""
        {"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
            "contacts": [{"profile": {"name": "Budi Santoso"}, "wa_id": "6281234567890"}],
            "messages": [{"from": "6281234567890", "id": "{{{id}}}", "timestamp": "1764493200", {{{typed.Trim()[1..^1]}}}}]}}]}]}
        """;

    public static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
