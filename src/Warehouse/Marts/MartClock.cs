using System.Diagnostics;

namespace Analytics.Warehouse.Marts;

/// <summary>The wall clock and the process's processor time from the start of one mart's build, read into its <see cref="MartTiming"/>.</summary>
internal readonly struct MartClock
{
    private readonly Stopwatch _wall;
    private readonly TimeSpan _cpu;

    private MartClock(Stopwatch wall, TimeSpan cpu)
    {
        _wall = wall;
        _cpu = cpu;
    }

    public static MartClock Start() => new(Stopwatch.StartNew(), ProcessorTime());

    /// <summary>The mart's timing so far: <paramref name="ids"/> with <see cref="MartRebuild.Rows"/>, how many ids (or months) had their rows rebuilt.</summary>
    public MartTiming Timing(string mart, long rows, MartRebuild rebuild = MartRebuild.Whole, long ids = 0) =>
        new(mart, rows, _wall.Elapsed) { Rebuild = rebuild, Ids = ids, Cpu = ProcessorTime() - _cpu };

    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
