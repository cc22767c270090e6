namespace TangerangLive.Grains.City;

/// <summary>How zones are drawn from centroid and bounding-box facts when no boundary file is given.</summary>
public enum FactZoneLayout
{
    /// <summary>Plain Voronoi cells of the centroids, clipped to the union of the bounding boxes.</summary>
    Voronoi,

    /// <summary>
    /// Voronoi cells constrained by the facts' bounding boxes: a point goes to the nearest centroid
    /// among the zones whose bounding box contains it (a real kelurahan never reaches outside its
    /// box). On Kota Tangerang this agrees with the real boundaries noticeably more often.
    /// </summary>
    BoxConstrainedVoronoi,
}
