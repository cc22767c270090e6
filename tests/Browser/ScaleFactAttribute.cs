using System.Globalization;

namespace TangerangLive.Tests.Browser;

/// <summary>A test that runs only when LIVEROOM_SCALE_OFFICERS names how many officers to put on shift (e.g. 100000).</summary>
public sealed class ScaleFactAttribute : FactAttribute
{
    public const string Variable = "LIVEROOM_SCALE_OFFICERS";

    public ScaleFactAttribute()
    {
        if (Officers <= 0)
        {
            Skip = $"Heavy: set {Variable} (e.g. 100000) to run it.";
        }
    }

    /// <summary>The officers to put on shift, 0 when the variable is not set.</summary>
    public static int Officers =>
        int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.None, CultureInfo.InvariantCulture, out var officers) ? officers : 0;
}
