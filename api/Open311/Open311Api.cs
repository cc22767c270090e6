using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Problems;
using TangerangLive.Grains;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Open311;

/// <summary>
/// Open311 GeoReport v2 under /open311/v2: discovery, services, service definitions and tokens here;
/// requests and the update feed in <see cref="Open311RequestsApi"/>. Every call answers in .xml or .json.
/// </summary>
public static class Open311Api
{
    public const string BasePath = "/open311/v2";
    public const string Changeset = "2026-11-30T00:00:00+07:00";
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";
    public const long FormLimit = 64 * 1024;

    public static IEndpointRouteBuilder MapOpen311Api(this IEndpointRouteBuilder routes)
    {
        var open311 = routes.MapGroup(BasePath).WithTags("Open311 GeoReport v2").AllowAnonymous();
        open311.MapGet("/discovery.{format}", Discovery).RequireRateLimiting(Open311Setup.ReadPolicy);
        open311.MapGet("/services.{format}", Services).RequireRateLimiting(Open311Setup.ReadPolicy);
        open311.MapGet("/services/{code}.{format}", ServiceDefinition).RequireRateLimiting(Open311Setup.ReadPolicy);
        open311.MapGet("/tokens/{token}.{format}", Token).RequireRateLimiting(Open311Setup.ReadPolicy);
        open311.MapGet("/requests.{format}", Open311RequestsApi.List).RequireRateLimiting(Open311Setup.ReadPolicy);
        open311.MapGet("/requests/{id}.{format}", Open311RequestsApi.Get).RequireRateLimiting(Open311Setup.ReadPolicy);
        open311.MapGet("/servicerequestupdates.{format}", Open311RequestsApi.Updates).RequireRateLimiting(Open311Setup.ReadPolicy);
        open311.MapPost("/requests.{format}", Open311RequestsApi.Submit).RequireRateLimiting(RateLimits.Intake).WithBodyLimit(FormLimit);
        routes.MapOpen311KeysApi();
        return routes;
    }

    private static Open311Result Discovery(string format, HttpRequest request, CityModel city, IOptions<Open311Options> options)
    {
        if (Open311Request.Check(format, null, city, options) is { } refused)
        {
            return refused;
        }

        var o = options.Value;
        var baseUrl = (o.PublicUrl ?? $"{request.Scheme}://{request.Host}").TrimEnd('/') + BasePath;
        return new Open311Result(new Open311Document("discovery", Open311Node.Object(
            ("changeset", Open311Node.Text(Changeset)),
            ("contact", Open311Node.Text(o.Contact)),
            ("key_service", Open311Node.Text(o.KeyService)),
            ("endpoints", Open311Node.List("endpoint", [Open311Node.Object(
                ("specification", Open311Node.Text(Specification)),
                ("url", Open311Node.Text(baseUrl)),
                ("changeset", Open311Node.Text(Changeset)),
                ("type", Open311Node.Text(o.EndpointType)),
                ("formats", Open311Node.List("format", [Open311Node.Text("text/xml"), Open311Node.Text("application/json")])))])))),
            Open311Request.FormatOf(format));
    }

    private static Open311Result Services(string format, HttpRequest request, CityModel city, IOptions<Open311Options> options) =>
        Open311Request.Check(format, request.Query["jurisdiction_id"], city, options)
            ?? new Open311Result(Open311Services.List(city), Open311Request.FormatOf(format));

    /// <summary>A category with attributes answers its definition; one without answers the spec's 404 (its metadata is false).</summary>
    private static Open311Result ServiceDefinition(string code, string format, HttpRequest request, CityModel city, IOptions<Open311Options> options)
    {
        if (Open311Request.Check(format, request.Query["jurisdiction_id"], city, options) is { } refused)
        {
            return refused;
        }

        var f = Open311Request.FormatOf(format);
        return city.Definition.FindCategory(code) switch
        {
            null => Open311Errors.NotFound(f, $"service_code '{code}' not found; GET services lists them."),
            { AttributeList.Count: 0 } => Open311Errors.NotFound(f, $"service_code '{code}' has no service definition (metadata is false): it takes no attributes."),
            var category => new Open311Result(Open311Services.Definition(category), f),
        };
    }

    /// <summary>
    /// This server never defers a request: POST answers with the service_request_id at once. A token is
    /// therefore the request's own id, and tokens/{id} confirms it once the request is in the query model.
    /// </summary>
    private static async Task<Open311Result> Token(
        string token, string format, HttpRequest request, CityModel city, IOptions<Open311Options> options, Open311Queries queries, CancellationToken cancellationToken)
    {
        if (Open311Request.Check(format, request.Query["jurisdiction_id"], city, options) is { } refused)
        {
            return refused;
        }

        var f = Open311Request.FormatOf(format);
        var rows = ComplaintKey.IsValidId(token)
            ? await queries.ListAsync(new Open311Query([token], null, null, null, null, null, null, 1, 1), cancellationToken)
            : [];
        return rows.Count == 0
            ? Open311Errors.NotFound(f, $"token '{token}' not found.")
            : new Open311Result(new Open311Document("service_requests", Open311Node.List("request", [Open311Node.Object(
                ("service_request_id", Open311Node.Text(rows[0].Id)),
                ("token", Open311Node.Text(token)))])), f);
    }
}
