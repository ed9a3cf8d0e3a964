using Analytics.Ingest;
using Analytics.Ingest.Loading;
using Analytics.Warehouse;

namespace Analytics.ReportApi.Cli;

/// <summary><c>analytics load PATH... [--entity E] [--mapping FILE] [--orphans wait|reject] [--json]</c></summary>
internal static class LoadVerb
{
    public static Verb Definition { get; } = new(
        "load",
        "load PATH... [--entity E] [--mapping FILE] [--orphans wait|reject] [--json] [--progress]",
        """
        Loads files or folders (CSV, JSON lines, Parquet, Arrow IPC) into the warehouse, parents first.
        Each file loads in one transaction; every row is loaded, rejected with a reason, or waits for
        a parent that has not arrived (--orphans reject turns waiting into rejecting).
        A long load shows its progress on a terminal (--progress: also when stderr is not one).
        --json prints one JSON object per file. Exit 2 when a file failed.
        """,
        new HashSet<string> { "entity", "mapping", "orphans" },
        new HashSet<string> { "json", "progress" },
        RunAsync);

    private static async Task<int> RunAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positional.Count == 0)
        {
            throw new UsageException("Name at least one file or folder to load.");
        }

        foreach (var missing in args.Positional.Where(p => !File.Exists(p) && !Directory.Exists(p)))
        {
            throw new UsageException($"There is no file or folder {missing}.");
        }

        if (args.Option("mapping") is { } mapping && !File.Exists(mapping))
        {
            throw new UsageException($"There is no mapping file {mapping}.");
        }

        var orphans = args.Option("orphans") switch
        {
            null or "wait" => OrphanPolicy.Wait,
            "reject" => OrphanPolicy.Reject,
            var other => throw new UsageException($"--orphans takes wait or reject, not '{other}'."),
        };
        var options = new LoadOptions(args.Option("entity"), args.Option("mapping"), orphans);
        var json = args.Flag("json");

        using var warehouse = args.OpenWarehouse();
        var loader = new FileLoader(warehouse.Database, TerminalProgress.ForConsole(stderr, args.Flag("progress")));
        var failed = 0;
        foreach (var report in loader.LoadAll(args.Positional, options))
        {
            failed += report.Status == LoadStatus.Failed ? 1 : 0;
            await stdout.WriteLineAsync(json ? report.ToJson() : report.Summary());
            if (!json && report.Status == LoadStatus.Failed)
            {
                await stderr.WriteLineAsync($"{report.File}: {report.Error}");
            }
        }

        return failed > 0 ? 2 : 0;
    }
}
