using System.Runtime;
using System.Runtime.InteropServices;

namespace TangerangLive.LoadTest.Bench;

/// <summary>Where the benchmark ran.</summary>
internal sealed record MachineInfo(int Cores, string Cpu, string Os, string Runtime, string Architecture, string Build, string Gc)
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public bool IsRelease => Build == "Release";

    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        CpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        Configuration,
        GCSettings.IsServerGC ? "server GC" : "workstation GC");

    public override string ToString() =>
        $"{Cores} cores ({Cpu}), {Os}, {Runtime}, {Architecture}, {Build} build, {Gc}";

    /// <summary>The 1-minute load average (Linux), or null: other work on the machine skews the figures.</summary>
    public static string? LoadAverage()
    {
        const string LoadAvg = "/proc/loadavg";
        return File.Exists(LoadAvg) ? File.ReadAllText(LoadAvg).Split(' ')[0] : null;
    }

    private static string CpuModel()
    {
        const string CpuInfo = "/proc/cpuinfo";
        var line = File.Exists(CpuInfo)
            ? File.ReadLines(CpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            : null;
        return line?.Split(':', 2)[1].Trim() ?? "CPU model unknown";
    }
}
