using System.Globalization;
using Analytics.Ingest.Demo;

namespace Analytics.ReportApi.Cli;

/// <summary><c>analytics demo --out DIR [--accounts N] [--years N] [--seed N]</c></summary>
internal static class DemoVerb
{
    public static Verb Definition { get; } = new(
        "demo",
        "demo --out DIR [--accounts N] [--years N] [--seed N]",
        """
        Writes the demo company, a key-account book of business, as canonical files into DIR.
        A supplier of desktops, laptops, switches, servers, printers, consumables and service to key
        accounts: by default 2000 accounts over the 3 years up to the end of last month, seed 42. Run in
        the same month, the same options write the same files; load them with 'analytics load DIR'.
        """,
        new HashSet<string> { "out", "accounts", "years", "seed" },
        new HashSet<string>(),
        RunAsync);

    private static async Task<int> RunAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positional.Count > 0)
        {
            throw new UsageException($"demo takes no positional arguments ('{args.Positional[0]}'); give the folder with --out.");
        }

        var folder = args.Option("out") ?? throw new UsageException("Say where to write the demo company with --out DIR.");
        var options = new DemoOptions(DateOnly.FromDateTime(DateTime.UtcNow))
        {
            Accounts = args.IntOption("accounts", 2000),
            Years = args.IntOption("years", 3),
            Seed = args.IntOption("seed", 42),
        };
        if (options.Accounts < 1)
        {
            throw new UsageException("--accounts takes a whole number of at least 1.");
        }

        if (options.Years is < 1 or > 30)
        {
            throw new UsageException("--years takes a whole number from 1 to 30.");
        }

        var summary = DemoCompany.Write(folder, options);
        var c = CultureInfo.InvariantCulture;
        foreach (var file in summary.Files)
        {
            await stdout.WriteLineAsync(string.Create(c, $"{file.Path}: {file.Entity} {file.Rows:N0} rows"));
        }

        await stdout.WriteLineAsync(string.Create(c,
            $"demo company {summary.Start:yyyy-MM-dd} to {summary.End:yyyy-MM-dd} ({options.Accounts:N0} accounts, {options.Years} years, seed {options.Seed}) written in {summary.Elapsed.TotalSeconds:0.00} s"));
        return 0;
    }
}
