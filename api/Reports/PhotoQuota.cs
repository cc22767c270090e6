using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace TangerangLive.Api.Reports;

/// <summary>Why photos were not stored: the daily limit reached, by its configuration key (e.g. "Photos:PhotosPerUserPerDay").</summary>
public sealed record PhotoQuotaRefusal(string Limit, string Detail)
{
    /// <summary>The 429 answer; "limit" names the configuration key of the limit that was reached.</summary>
    public ProblemHttpResult ToProblem() => TypedResults.Problem(
        Detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Photo quota reached",
        extensions: new Dictionary<string, object?> { ["limit"] = Limit });
}

/// <summary>
/// The per-account daily photo quota (table photo_quota). An upload is charged by one atomic upsert that adds it to the
/// day's counts only when both stay within their limits, so concurrent uploads cannot overshoot together (the upsert is
/// part of <see cref="PhotoStore.WriteAsync"/>'s one statement); this says which limit refused an upload.
/// </summary>
public static class PhotoQuota
{
    private const string PhotosKey = PhotoOptions.Section + ":" + nameof(PhotoOptions.PhotosPerUserPerDay);
    private const string BytesKey = PhotoOptions.Section + ":" + nameof(PhotoOptions.BytesPerUserPerDay);

    /// <summary>Why <paramref name="photos"/> photos of <paramref name="bytes"/> bytes were refused for the owner's day, with what it has used.</summary>
    public static async Task<PhotoQuotaRefusal> RefusalAsync(
        NpgsqlDataSource dataSource, string ownerId, DateOnly day, int photos, long bytes, PhotoOptions limits, CancellationToken cancellationToken)
    {
        await using var used = dataSource.CreateCommand("SELECT photos, bytes FROM photo_quota WHERE owner_id = $1 AND day = $2");
        used.Parameters.Add(new NpgsqlParameter { Value = ownerId });
        used.Parameters.Add(new NpgsqlParameter { Value = day });
        var (usedPhotos, usedBytes) = (0, 0L);
        await using (var reader = await used.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                (usedPhotos, usedBytes) = (reader.GetInt32(0), reader.GetInt64(1));
            }
        }

        var invariant = CultureInfo.InvariantCulture;
        return usedPhotos + photos > limits.PhotosPerUserPerDay
            ? new PhotoQuotaRefusal(PhotosKey, string.Create(invariant,
                $"This account may store {limits.PhotosPerUserPerDay} photos a day ({PhotosKey}); {usedPhotos} stored today, {photos} more asked. The quota resets at 00:00 UTC."))
            : new PhotoQuotaRefusal(BytesKey, string.Create(invariant,
                $"This account may store {limits.BytesPerUserPerDay} bytes of photos a day ({BytesKey}); {usedBytes} stored today, {bytes} more asked. The quota resets at 00:00 UTC."));
    }
}
