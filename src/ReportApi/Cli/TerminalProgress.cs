using System.Globalization;
using Analytics.Ingest;

namespace Analytics.ReportApi.Cli;

/// <summary>Shows a long load's progress on one rewritten line, only when stderr is a terminal.</summary>
internal sealed class TerminalProgress(TextWriter stderr) : ILoadProgress
{
    private readonly Lock _gate = new();

    public static ILoadProgress? ForConsole(TextWriter stderr) => Console.IsErrorRedirected ? null : new TerminalProgress(stderr);

    public void Update(string file, double percent, ulong rowsProcessed, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? rowsProcessed / elapsed.TotalSeconds : 0;
        lock (_gate)
        {
            stderr.Write(string.Create(CultureInfo.InvariantCulture,
                $"\r{file}: {percent,5:0.0}%  {rowsProcessed:N0} rows  {rate:N0} rows/s  {elapsed.TotalSeconds:0.0} s   "));
        }
    }

    public void Done(string file)
    {
        lock (_gate)
        {
            stderr.Write("\r" + new string(' ', 100) + "\r");
        }
    }
}
