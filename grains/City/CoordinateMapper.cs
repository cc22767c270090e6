using NetTopologySuite.Geometries;

namespace TangerangLive.Grains.City;

/// <summary>Rewrites every coordinate of a geometry in place with a mapping of (x, y).</summary>
internal sealed class CoordinateMapper(Func<double, double, Coordinate> map) : ICoordinateSequenceFilter
{
    public bool Done => false;

    public bool GeometryChanged => true;

    public void Filter(CoordinateSequence seq, int i)
    {
        var mapped = map(seq.GetX(i), seq.GetY(i));
        seq.SetX(i, mapped.X);
        seq.SetY(i, mapped.Y);
    }
}
