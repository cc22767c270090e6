using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TangerangLive.Api.Problems;
using TangerangLive.Api.Reports;
using TangerangLive.Grains;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Intake;

/// <summary>What became of one social message.</summary>
public sealed record SocialOutcome(string MessageId, string Status, string? ReportId, long TriageId, string? Reason, bool Replayed);

/// <summary>
/// Turns social messages into reports through the same intake as the app's: the report id comes from
/// (source, message id), so a message is one report however often it is sent or clicked. The place is
/// the message's coordinates or a kelurahan named in its text; the category is found by its words
/// (<see cref="SocialIntakeOptions.CategoryWords"/>). Without both, the message goes to triage.
/// </summary>
public sealed class SocialReporter
{
    private readonly CityModel _city;
    private readonly PlaceFinder _places;
    private readonly ReportIntake _intake;
    private readonly IGrainFactory _grains;
    private readonly (string Word, string Category)[] _words;

    public SocialReporter(CityModel city, PlaceFinder places, ReportIntake intake, IGrainFactory grains, IOptions<SocialIntakeOptions> options)
    {
        _city = city;
        _places = places;
        _intake = intake;
        _grains = grains;
        _words = city.Definition.Categories
            .SelectMany(c => options.Value.CategoryWords.GetValueOrDefault(c.Code, []).Append(c.Code).Append(c.Name).Select(w => (PlaceFinder.Normalise(w), c.Code)))
            .Where(w => w.Item1.Length > 0)
            .Distinct()
            .ToArray();
    }

    public static string UserId(string source) => "social:" + source;

    /// <summary>The one category the text names, or null (none, or several).</summary>
    public string? FindCategory(string text)
    {
        var padded = " " + PlaceFinder.Normalise(text) + " ";
        var found = _words.Where(w => padded.Contains(" " + w.Word + " ", StringComparison.Ordinal)).Select(w => w.Category).Distinct().ToList();
        return found.Count == 1 ? found[0] : null;
    }

    /// <summary>The message's own point if inside the city, else a kelurahan its text names.</summary>
    public (double Lat, double Lon)? FindPlace(SocialMessageRow row) =>
        row is { Lat: { } lat, Lon: { } lon } && _city.Map.Contains(lat, lon) ? (lat, lon)
            : _places.FindInText(row.Text) is { } place ? (place.Lat, place.Lon) : null;

    /// <summary>The automatic path: a report when place and category are known, else the reason it needs an operator.</summary>
    public async Task<(string? ReportId, string? TriageReason)> TryReportAsync(SocialMessageRow row, CancellationToken cancellationToken)
    {
        var place = FindPlace(row);
        var category = FindCategory(row.Text);
        if (place is null || category is null)
        {
            return (null, (place, category) switch
            {
                (null, null) => "No place and no category found in the message.",
                (null, _) => "No coordinates in the city and no kelurahan named in the text.",
                _ => "No single category named in the text.",
            });
        }

        var (reportId, problem) = await SubmitAsync(row, category, place.Value.Lat, place.Value.Lon, row.Text, null, cancellationToken);
        return reportId is null ? (null, problem) : (reportId, null);
    }

    /// <summary>Submits the message as a report; the report id, or the problem in words.</summary>
    public async Task<(string? ReportId, string? Problem)> SubmitAsync(
        SocialMessageRow row, string category, double lat, double lon, string description, PriorityOverride? priority, CancellationToken cancellationToken)
    {
        var checks = ReportValidation.Validate(_city, category, description, lat, lon, row.Author, [], out var draft);
        if (checks.Any || draft is null)
        {
            return (null, string.Join(" ", checks.ToDictionary().SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));
        }

        var result = await _intake.SubmitAsync(draft, UserId(row.Source), Named(row), row.MessageId, row.Source, priority, cancellationToken);
        switch (result.Result)
        {
            case Created<ReportAccepted> created:
                if (row.PhotoUrls.Count > 0)
                {
                    await _grains.Complaint(created.Value!.Id).AddNoteAsync(
                        new OperatorAction(UserId(row.Source), null), "Photos at the source (not fetched): " + string.Join(" ", row.PhotoUrls));
                }

                return (created.Value!.Id, null);
            case Ok<ReportAccepted> replayed:
                return (replayed.Value!.Id, null);
            case ProblemHttpResult problem:
                return (null, problem.ProblemDetails.Detail);
            default:
                return (null, "The report was not accepted.");
        }
    }

    private static string Named(SocialMessageRow row) => row.AuthorName is { Length: > 0 } name ? $"{name} ({row.Author})" : row.Author;
}
