using System.Globalization;
using Analytics.Ingest;

namespace Analytics.ReportApi.Cli;

/// <summary>
/// Shows a long load's progress on stderr: one rewritten line on a terminal, or (asked for with
/// --progress) a plain line per update, for logs.
/// </summary>
internal sealed class TerminalProgress(TextWriter stderr, bool rewrite) : ILoadProgress
{
    private readonly Lock _gate = new();

    public static ILoadProgress? ForConsole(TextWriter stderr, bool asked) =>
        !Console.IsErrorRedirected ? new TerminalProgress(stderr, rewrite: true)
        : asked ? new TerminalProgress(stderr, rewrite: false)
        : null;

    public void Update(string file, double percent, ulong rowsProcessed, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? rowsProcessed / elapsed.TotalSeconds : 0;
        lock (_gate)
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{file}: {percent,5:0.0}%  {rowsProcessed:N0} rows  {rate:N0} rows/s  {elapsed.TotalSeconds:0.0} s");
            if (rewrite)
            {
                stderr.Write("\r" + line + "   ");
            }
            else
            {
                stderr.WriteLine(line);
                stderr.Flush();
            }
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
