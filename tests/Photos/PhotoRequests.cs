using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using TangerangLive.Api.Reports;

namespace TangerangLive.Tests.Photos;

/// <summary>Reports with photos and photo reads, as the citizen app and the Live Room send them.</summary>
public static class PhotoRequests
{
    /// <summary>Submits a report with photos as multipart/form-data (the app's way).</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        HttpClient client, string category, (double Lat, double Lon) at, IEnumerable<byte[]> photos, string? idempotencyKey = null, string description = "Sampah menumpuk")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(category), "category" },
            { new StringContent(description), "description" },
            { new StringContent(at.Lat.ToString(CultureInfo.InvariantCulture)), "lat" },
            { new StringContent(at.Lon.ToString(CultureInfo.InvariantCulture)), "lon" },
        };
        foreach (var (photo, i) in photos.Select((p, i) => (p, i)))
        {
            form.Add(File(photo), "photos", $"photo-{i}.jpg");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = form };
        if (idempotencyKey is not null)
        {
            request.Headers.Add(ReportsApi.IdempotencyHeader, idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Submits a report that must be accepted and returns it as its reporter reads it.</summary>
    public static async Task<ReportView> SubmitAcceptedAsync(HttpClient client, string category, (double Lat, double Lon) at, params byte[][] photos)
    {
        using var response = await SubmitAsync(client, category, at, photos);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"submit: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var accepted = (await response.Content.ReadFromJsonAsync<ReportAccepted>())!;
        return (await client.GetFromJsonAsync<ReportView>(accepted.TrackingUrl))!;
    }

    /// <summary>The photo's URL in the API for a reference the report keeps ("photos/HASH.ext").</summary>
    public static string Url(string reference) => "/api/" + reference;

    public static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    public static async Task AssertServedAsync(HttpClient client, string url, byte[] expected, string contentType, string who)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{who} GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected.Length, response.Content.Headers.ContentLength);
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Asserts the 404 a photo that does not exist gets, so a refused reader learns nothing.</summary>
    public static async Task AssertNotFoundAsync(HttpClient client, string url, string who)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{who} GET {url}: {(int)response.StatusCode} {body}");
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("No photo with this id.", problem.RootElement.GetProperty("detail").GetString());
    }

    /// <summary>The field names of a 400 ValidationProblem.</summary>
    public static async Task<IReadOnlyList<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
    }

    public static ByteArrayContent File(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }
}
