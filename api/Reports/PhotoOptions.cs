using System.ComponentModel.DataAnnotations;

namespace TangerangLive.Api.Reports;

/// <summary>
/// Photo quotas and the orphan sweep (section "Photos"). The defaults let a load test of 100 reports/s with
/// 30% photos from 120 citizen accounts (15 photos a minute each) run for more than five hours; a person
/// filing reports never comes near them.
/// </summary>
public sealed class PhotoOptions
{
    public const string Section = "Photos";

    /// <summary>Photos one account may store per UTC day (report photos and proof photos alike).</summary>
    [Range(1, 10_000_000)]
    public int PhotosPerUserPerDay { get; set; } = 5_000;

    /// <summary>Bytes one account may store per UTC day: 512 MiB, about a hundred photos at the 5 MB limit.</summary>
    [Range(1, long.MaxValue)]
    public long BytesPerUserPerDay { get; set; } = 512L * 1024 * 1024;

    /// <summary>A photo still unattached this long after its upload is an orphan (its report was never stored).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan OrphanAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often each silo looks for orphans.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Orphans looked at per sweep.</summary>
    [Range(1, 100_000)]
    public int SweepBatch { get; set; } = 500;
}
