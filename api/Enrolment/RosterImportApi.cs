using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TangerangLive.Api.Admin;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Problems;
using TangerangLive.Api.Tracking;
using TangerangLive.Grains;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Api.Enrolment;

/// <summary>
/// Bulk enrolment: admins import a roster (CSV as a spreadsheet exports it, or JSON) in one request. Every
/// row is checked before anything is stored; a bad row is named by its line and field and the import stores
/// nothing. Each officer gets a generated tracking device id and (unless credentials=none) a new device
/// credential for the SIGAP app, returned once, as JSON or, with Accept: text/csv, as a CSV for distribution.
/// </summary>
public static class RosterImportApi
{
    public const int MaxOfficers = 200_000;
    private const long BodyLimit = 64L * 1024 * 1024;

    public static WebApplicationBuilder AddRosterImport(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RosterImportStore>();
        return builder;
    }

    public static IEndpointRouteBuilder MapRosterImportApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/admin/officers/import", ImportAsync).WithTags("Admin: roster").RequireAuthorization(Policies.Admin)
            .WithBodyLimit(BodyLimit).DisableAntiforgery()
            .Accepts<RosterImportRequest>("application/json", "text/csv")
            .Produces<RosterImportResult>(StatusCodes.Status200OK, "application/json", "text/csv");
        return routes;
    }

    private static async Task<Results<Ok<RosterImportResult>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ImportAsync(
        HttpRequest request, RosterImportStore store, DeviceDirectory devices, CityModel city, IGrainFactory grains, IOptions<JsonOptions> json, CancellationToken cancellationToken,
        string credentials = "issue")
    {
        var errors = new ValidationErrors();
        errors.Require(credentials is "issue" or "none", "credentials", "credentials is 'issue' (a new device credential per officer) or 'none'.");
        var rows = request.ContentType switch
        {
            { } type when type.Contains("csv", StringComparison.OrdinalIgnoreCase) => await ReadCsvAsync(request, errors, cancellationToken),
            _ when request.HasJsonContentType() => await ReadJsonAsync(request, json.Value.SerializerOptions, errors, cancellationToken),
            _ => null,
        };
        if (rows is null)
        {
            return TypedResults.Problem("Send the roster as text/csv or application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }

        errors.Require(rows.Count > 0 || errors.Any, "officers", "The import names no officers.");
        RosterImportValidator.Validate(rows, city, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        rows = rows.Select(r => r with { Officer = r.Officer with { Agency = city.Definition.FindAgency(r.Officer.Agency.Trim())!.Code } }).ToList();
        if (await store.SaveAsync(rows, credentials == "issue", errors, cancellationToken) is not var (result, existing))
        {
            return errors.ToProblem();
        }

        devices.ForgetAll();
        await RefreshActiveOfficersAsync(existing, grains, cancellationToken);
        return request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase)
            ? TypedResults.File(ToCsv(result), "text/csv; charset=utf-8", "enrolment.csv")
            : TypedResults.Ok(result);
    }

    /// <summary>
    /// Officers that were on the roster before and are active or dormant now take their new entry at once; every other
    /// officer reads it from the roster table when its grain next activates.
    /// </summary>
    private static async Task RefreshActiveOfficersAsync(IReadOnlySet<string> existing, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (existing.Count == 0)
        {
            return;
        }

        var officerType = grains.Officer("roster-probe").GetGrainId().Type;
        var active = await grains.GetGrain<IManagementGrain>(0).GetActiveGrains(officerType);
        var refresh = active.Select(id => OfficerKey.IdOf(id.Key.ToString()!)).Where(existing.Contains).Distinct(StringComparer.Ordinal).ToList();

        // Dormant officers (held by their shards, no activation) are woken too: each takes its state back from the
        // shard as it activates, and the refresh applies its new entry (an agency change re-indexes it, a
        // deactivation stops its heartbeats counting).
        foreach (var shard in existing.GroupBy(OfficerShards.Of))
        {
            refresh.AddRange(await grains.Shard(shard.Key).HeldAmongAsync(shard.ToList()));
        }

        refresh = refresh.Distinct(StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(refresh, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (officerId, _) => await grains.Officer(officerId).RefreshFromRosterAsync());
    }

    private static async Task<IReadOnlyList<RosterImportRow>> ReadCsvAsync(HttpRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        using var text = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return await RosterCsvReader.ReadAsync(text, MaxOfficers, errors, cancellationToken);
    }

    private static async Task<IReadOnlyList<RosterImportRow>> ReadJsonAsync(HttpRequest request, JsonSerializerOptions options, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var body = await JsonSerializer.DeserializeAsync<RosterImportRequest>(request.Body, options, cancellationToken);
        var officers = body?.Officers ?? [];
        if (officers.Count > MaxOfficers)
        {
            errors.Add("officers", $"At most {MaxOfficers} officers in one import.");
            return [];
        }

        return officers.Select((o, i) => new RosterImportRow($"officers[{i}]", o?.OfficerId ?? string.Empty, new OfficerRequest(
            o?.Name ?? string.Empty, o?.Agency ?? string.Empty, o?.Team, o?.Shift, o?.DeviceIds, o?.Active ?? true))).ToList();
    }

    private static byte[] ToCsv(RosterImportResult result)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            csv.WriteField("officer_id");
            csv.WriteField("tracking_device_id");
            csv.WriteField("device_credential");
            csv.NextRecord();
            foreach (var officer in result.Officers)
            {
                csv.WriteField(officer.OfficerId);
                csv.WriteField(officer.TrackingDeviceId);
                csv.WriteField(officer.DeviceCredential ?? string.Empty);
                csv.NextRecord();
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
