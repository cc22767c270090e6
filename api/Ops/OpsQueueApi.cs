using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Observability;
using TangerangLive.Api.Problems;
using TangerangLive.Api.Reports;
using TangerangLive.Grains;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Ops;

/// <summary>Operators: the queue from the query model, a report's detail from its grain, recommendations.</summary>
public static class OpsQueueApi
{
    public const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapOpsQueueApi(this IEndpointRouteBuilder routes)
    {
        var ops = routes.MapGroup("/api/ops/reports").WithTags("Operators: queue").RequireAuthorization(Policies.StaffRead);
        ops.MapGet("/", GetQueue).WithScreen("reports");
        ops.MapGet("/{id}", GetDetail).WithScreen("report-detail");
        ops.MapGet("/{id}/recommendations", GetRecommendations).WithScreen("recommendations");
        return routes;
    }

    private static async Task<Results<Ok<Page<ReportRow>>, ValidationProblem>> GetQueue(
        ReportQueries queries, CityModel city, CancellationToken cancellationToken,
        string? status = null, string? agency = null, string? category = null, string? zone = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null, int page = 1, int pageSize = 50, string? channel = null)
    {
        var errors = new ValidationErrors();
        ComplaintStatus? parsedStatus = null;
        if (status is not null)
        {
            // One status by its name: Enum.TryParse would also take numbers and comma-separated lists.
            if (Enum.GetNames<ComplaintStatus>().FirstOrDefault(n => string.Equals(n, status, StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                parsedStatus = Enum.Parse<ComplaintStatus>(name);
            }
            else
            {
                errors.Add("status", $"Unknown status; one of {string.Join(", ", Enum.GetNames<ComplaintStatus>())}.");
            }
        }

        errors.Require(agency is null || city.Definition.FindAgency(agency) is not null, "agency", "Unknown agency.");
        errors.Require(category is null || city.Definition.FindCategory(category) is not null, "category", "Unknown category.");
        errors.Require(zone is null || city.Map.Get(zone) is not null, "zone", "Unknown zone.");
        errors.Require(channel is null || ReportChannels.All.Contains(channel), "channel", $"Unknown channel; one of {string.Join(", ", ReportChannels.All)}.");
        errors.Require(from is null || to is null || from < to, "to", "'to' must be after 'from'.");
        errors.Require(page is >= 1 and <= 1_000_000, "page", "page starts at 1.");
        errors.Require(pageSize is >= 1 and <= MaxPageSize, "pageSize", $"pageSize must be 1-{MaxPageSize}.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var filter = new ReportFilter(parsedStatus?.ToString(), agency, category, zone, from, to, Channel: channel);
        var (rows, total) = await queries.ListAsync(filter, page, pageSize, cancellationToken);
        return TypedResults.Ok(new Page<ReportRow>(rows, total, page, pageSize));
    }

    private static async Task<Results<Ok<ReportView>, ProblemHttpResult>> GetDetail(string id, IGrainFactory grains) =>
        ComplaintKey.IsValidId(id) && await grains.Complaint(id).GetAsync() is { } complaint
            ? TypedResults.Ok(ReportView.From(complaint, forStaff: true))
            : CommandProblems.NotFound("report");

    private static async Task<Results<Ok<IReadOnlyList<Recommendation>>, ValidationProblem, ProblemHttpResult>> GetRecommendations(
        string id, IGrainFactory grains, int k = 5)
    {
        if (k is < 1 or > 50)
        {
            return CommandProblems.Invalid("k", "k must be 1-50.");
        }

        if (!ComplaintKey.IsValidId(id) || await grains.Complaint(id).GetAsync() is null)
        {
            return CommandProblems.NotFound("report");
        }

        return TypedResults.Ok(await grains.Complaint(id).RecommendAsync(k));
    }
}
