using System.Globalization;
using Analytics.Ingest;
using Analytics.Ingest.Loading;

namespace Analytics.ReportApi.Cli;

/// <summary>
/// Shows a long load's progress on stderr: one rewritten line on a terminal, or (asked for with
/// --progress) a plain line per update, for logs.
/// </summary>
internal sealed class TerminalProgress(TextWriter stderr, bool rewrite) : ILoadProgress
{
    private readonly Lock _gate = new();
    private string _phase = "";

    public static ILoadProgress? ForConsole(TextWriter stderr, bool asked) =>
        !Console.IsErrorRedirected ? new TerminalProgress(stderr, rewrite: true)
        : asked ? new TerminalProgress(stderr, rewrite: false)
        : null;

    public void Phase(string file, LoadPhase phase)
    {
        lock (_gate)
        {
            _phase = phase.Name;
            Write(phase.Rows is { } rows ? string.Create(CultureInfo.InvariantCulture, $"{file}: {phase.Name} {rows:N0} rows") : $"{file}: {phase.Name}");
        }
    }

    public void Update(string file, double percent, ulong rowsProcessed, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? rowsProcessed / elapsed.TotalSeconds : 0;
        lock (_gate)
        {
            Write(string.Create(CultureInfo.InvariantCulture,
                $"{file}: {_phase} {percent,5:0.0}%  {rowsProcessed:N0} rows  {rate:N0} rows/s  {elapsed.TotalSeconds:0.0} s"));
        }
    }

    private void Write(string line)
    {
        if (rewrite)
        {
            stderr.Write("\r" + line.PadRight(90));
        }
        else
        {
            stderr.WriteLine(line);
            stderr.Flush();
        }
    }

    public void Done(string file)
    {
        if (rewrite)
        {
            lock (_gate)
            {
                stderr.Write("\r" + new string(' ', 100) + "\r");
            }
        }
    }
}
