using NetTopologySuite.Geometries;

namespace TangerangLive.Grains.City;

/// <summary>
/// A zone's boundary edges (every ring of every polygon, in the metric plane), kept as flat arrays in runs of
/// <see cref="BlockSize"/> consecutive edges, each run with its bounding box. Consecutive edges of a ring lie close
/// together, so the boxes are tight and a query skips almost every run.
/// </summary>
/// <remarks>
/// The distance from a point is asked for several zones on every matching search and every duplicate check; with
/// NetTopologySuite's R-tree nearest-neighbour search (and a prepared-geometry cover test) it made a quarter of the
/// silo's allocations at 100 reports/s (docs/benchmarks.md, session 18). This allocates nothing: an even-odd crossing
/// count for "inside" (0), else the smallest point-to-segment distance over the runs whose box is nearer than the best
/// edge found so far. It is exact (every edge that could be nearer is measured), which the zone-order tests check
/// against NetTopologySuite's own polygon distance.
/// </remarks>
public sealed class ZoneEdges
{
    /// <summary>Edges per run: a box per 16 edges keeps the scan of the boxes short and each run's box tight.</summary>
    public const int BlockSize = 16;

    // Edge i runs from (_ax[i], _ay[i]) to (_bx[i], _by[i]).
    private readonly double[] _ax;
    private readonly double[] _ay;
    private readonly double[] _bx;
    private readonly double[] _by;

    // Run r holds edges [r * BlockSize, min((r + 1) * BlockSize, edge count)) inside this box.
    private readonly double[] _minX;
    private readonly double[] _minY;
    private readonly double[] _maxX;
    private readonly double[] _maxY;

    private readonly double _boxMinX;
    private readonly double _boxMinY;
    private readonly double _boxMaxX;
    private readonly double _boxMaxY;

    public ZoneEdges(Geometry plane)
    {
        ArgumentNullException.ThrowIfNull(plane);
        var edges = new List<(Coordinate A, Coordinate B)>();
        foreach (var ring in Rings(plane))
        {
            var points = ring.Coordinates;
            for (var i = 1; i < points.Length; i++)
            {
                edges.Add((points[i - 1], points[i]));
            }
        }

        if (edges.Count == 0)
        {
            throw new ArgumentException("A zone's boundary needs at least one edge.", nameof(plane));
        }

        _ax = [.. edges.Select(e => e.A.X)];
        _ay = [.. edges.Select(e => e.A.Y)];
        _bx = [.. edges.Select(e => e.B.X)];
        _by = [.. edges.Select(e => e.B.Y)];
        var runs = (edges.Count + BlockSize - 1) / BlockSize;
        (_minX, _minY, _maxX, _maxY) = (new double[runs], new double[runs], new double[runs], new double[runs]);
        for (var r = 0; r < runs; r++)
        {
            (_minX[r], _minY[r], _maxX[r], _maxY[r]) = (double.MaxValue, double.MaxValue, double.MinValue, double.MinValue);
            for (var i = r * BlockSize; i < Math.Min((r + 1) * BlockSize, edges.Count); i++)
            {
                _minX[r] = Math.Min(_minX[r], Math.Min(_ax[i], _bx[i]));
                _minY[r] = Math.Min(_minY[r], Math.Min(_ay[i], _by[i]));
                _maxX[r] = Math.Max(_maxX[r], Math.Max(_ax[i], _bx[i]));
                _maxY[r] = Math.Max(_maxY[r], Math.Max(_ay[i], _by[i]));
            }
        }

        (_boxMinX, _boxMinY, _boxMaxX, _boxMaxY) = (_minX.Min(), _minY.Min(), _maxX.Max(), _maxY.Max());
    }

    /// <summary>The distance from the point to the zone's bounding box (0 inside it): a lower bound of <see cref="DistanceTo"/>.</summary>
    public double BoxDistance(double x, double y) => Math.Sqrt(BoxDistanceSquared(x, y, _boxMinX, _boxMinY, _boxMaxX, _boxMaxY));

    /// <summary>The distance from the point to the zone: 0 inside or on the boundary, else to the nearest edge.</summary>
    public double DistanceTo(double x, double y)
    {
        if (x < _boxMinX || x > _boxMaxX || y < _boxMinY || y > _boxMaxY)
        {
            return Math.Sqrt(NearestSquared(x, y));
        }

        return Inside(x, y) ? 0 : Math.Sqrt(NearestSquared(x, y));
    }

    /// <summary>Even-odd rule on a ray towards +x: only runs that straddle the point's y and reach past its x can cross it.</summary>
    private bool Inside(double x, double y)
    {
        var inside = false;
        for (var r = 0; r < _minX.Length; r++)
        {
            if (y < _minY[r] || y > _maxY[r] || x > _maxX[r])
            {
                continue;
            }

            var end = Math.Min((r + 1) * BlockSize, _ax.Length);
            for (var i = r * BlockSize; i < end; i++)
            {
                if ((_ay[i] > y) != (_by[i] > y) && x < _ax[i] + ((y - _ay[i]) * (_bx[i] - _ax[i]) / (_by[i] - _ay[i])))
                {
                    inside = !inside;
                }
            }
        }

        return inside;
    }

    /// <summary>The squared distance to the nearest edge: the run with the nearest box first, then every run still nearer than the best.</summary>
    private double NearestSquared(double x, double y)
    {
        var first = 0;
        var firstBox = double.MaxValue;
        for (var r = 0; r < _minX.Length; r++)
        {
            var box = BoxDistanceSquared(x, y, _minX[r], _minY[r], _maxX[r], _maxY[r]);
            if (box < firstBox)
            {
                (first, firstBox) = (r, box);
            }
        }

        var best = RunSquared(first, x, y, double.MaxValue);
        for (var r = 0; r < _minX.Length; r++)
        {
            if (r != first && BoxDistanceSquared(x, y, _minX[r], _minY[r], _maxX[r], _maxY[r]) < best)
            {
                best = RunSquared(r, x, y, best);
            }
        }

        return best;
    }

    private double RunSquared(int run, double x, double y, double best)
    {
        var end = Math.Min((run + 1) * BlockSize, _ax.Length);
        for (var i = run * BlockSize; i < end; i++)
        {
            best = Math.Min(best, SegmentSquared(x, y, _ax[i], _ay[i], _bx[i], _by[i]));
        }

        return best;
    }

    /// <summary>The squared distance from (x, y) to the segment a-b (to a when the segment is a point).</summary>
    private static double SegmentSquared(double x, double y, double ax, double ay, double bx, double by)
    {
        var (dx, dy) = (bx - ax, by - ay);
        var length = (dx * dx) + (dy * dy);
        var t = length == 0 ? 0 : Math.Clamp((((x - ax) * dx) + ((y - ay) * dy)) / length, 0, 1);
        var (cx, cy) = (ax + (t * dx) - x, ay + (t * dy) - y);
        return (cx * cx) + (cy * cy);
    }

    private static double BoxDistanceSquared(double x, double y, double minX, double minY, double maxX, double maxY)
    {
        var dx = x < minX ? minX - x : x > maxX ? x - maxX : 0;
        var dy = y < minY ? minY - y : y > maxY ? y - maxY : 0;
        return (dx * dx) + (dy * dy);
    }

    private static IEnumerable<LineString> Rings(Geometry plane)
    {
        for (var n = 0; n < plane.NumGeometries; n++)
        {
            if (plane.GetGeometryN(n) is Polygon polygon)
            {
                yield return polygon.ExteriorRing;
                foreach (var hole in polygon.InteriorRings)
                {
                    yield return hole;
                }
            }
        }
    }
}
