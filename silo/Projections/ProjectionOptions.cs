using System.ComponentModel.DataAnnotations;

namespace TangerangLive.Silo.Projections;

/// <summary>The query-model writer's settings (section "Projection").</summary>
public sealed class ProjectionOptions
{
    public const string Section = "Projection";

    /// <summary>
    /// Reports whose last written timeline entry the writer remembers (so a new version writes only its new
    /// entries). A report's mark is dropped once its closed version is written, and all marks are dropped when
    /// this many open reports are remembered: the bookkeeping only saves work, since timeline rows are written
    /// idempotently, so forgetting a mark costs one rewrite of that report's kept entries, nothing else.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxTrackedReports { get; set; } = 50_000;

    /// <summary>
    /// How long the writer waits, once a version is queued, for more to join its batch (0: write at once). The
    /// query model lags the grains by this much more; each batch is one commit however many versions it holds.
    /// </summary>
    [Range(0, 1000)]
    public int BatchWindowMilliseconds { get; set; } = 20;
}
