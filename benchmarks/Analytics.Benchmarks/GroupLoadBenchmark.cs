using System.Diagnostics;
using System.Globalization;
using System.Text;
using Analytics.Ingest;
using Analytics.Ingest.Loading;
using Analytics.Warehouse;

namespace Analytics.Benchmarks;

/// <summary>
/// A canonical accounts file with groups of companies (集团客户) through the real loader: N accounts (146,000 by
/// default), one group per 100 of them (1,460), each a top company with 3 subsidiaries and 6 companies under those
/// (children written before their parents), one cycle (CYC1 -> CYC2 -> CYC1) and one unknown parent. Timed at half
/// the size and at the size, and against the same file with no parent column: the parent check (the walk up each
/// chain for cycles) must grow with the rows, not with their square.
/// </summary>
internal static class GroupLoadBenchmark
{
    public static int Run(string[] args)
    {
        var accounts = Option(args, "--accounts") is { } a ? int.Parse(a, CultureInfo.InvariantCulture) : 146_000;
        var dir = Option(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "analytics-group-load");
        Directory.CreateDirectory(dir);
        var rows = new List<(string Name, int Accounts, bool Parents, LoadReport Report, double Cpu)>();
        foreach (var (size, parents) in new[] { (accounts / 2, true), (accounts, true), (accounts, false) })
        {
            var (report, cpu) = Load(dir, size, parents);
            rows.Add((parents ? "with parents" : "no parent column", size, parents, report, cpu));
            Console.WriteLine(report.Summary());
            foreach (var reject in report.Rejects)
            {
                Console.WriteLine($"  line {reject.Line}: {reject.Reason}");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| canonical accounts file, {Environment.ProcessorCount} cores | accounts | groups | loaded | rejected | waiting | seconds (CPU) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, size, parents, report, cpu) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {size:N0} | {(parents ? size / 100 : 0):N0} | {report.Counts.Loaded:N0} | {report.Counts.Rejected:N0} | {report.Counts.Pending:N0} | {report.Elapsed.TotalSeconds:0.00} ({cpu:0.0}) |"));
        }

        Console.WriteLine($"twice the accounts took {rows[1].Report.Elapsed / rows[0].Report.Elapsed:0.00} times as long (quadratic would be 4)");
        return 0;
    }

    private static (LoadReport Report, double CpuSeconds) Load(string dir, int accounts, bool parents)
    {
        var file = Path.Combine(dir, "accounts.csv");
        File.WriteAllText(file, AccountsFile(accounts, parents), Encoding.UTF8);
        var path = Path.Combine(dir, "warehouse.duckdb");
        File.Delete(path);
        File.Delete(path + ".wal");
        using var database = WarehouseDatabase.Open(path);
        var cpu = CpuSeconds();
        var report = new FileLoader(database).LoadFile(file, new LoadOptions());
        return (report, CpuSeconds() - cpu);
    }

    /// <summary>One group per 100 accounts: G top, 3 subsidiaries under it, 2 companies under each subsidiary; the rest stand alone.</summary>
    private static string AccountsFile(int accounts, bool parents)
    {
        var csv = new StringBuilder("account_id,name,tax_id,region,city,created_on,parent_account_id\n");
        var taxId = 0L;
        void Row(string id, string? parent) => csv.Append(CultureInfo.InvariantCulture,
            $"{id},公司{id},9131{++taxId:D14},华东,上海,2020-01-01,{(parents ? parent : "")}\n");
        var groups = accounts / 100;
        for (var g = 0; g < groups; g++)
        {
            var top = $"G{g:D5}";
            for (var s = 1; s <= 3; s++)
            {
                var sub = $"{top}S{s}";
                Row($"{sub}a", sub);
                Row($"{sub}b", sub);
                Row(sub, top);
            }

            Row(top, null);
        }

        for (var i = groups * 10; i < accounts - 3; i++)
        {
            Row($"A{i:D7}", null);
        }

        Row("CYC1", "CYC2");
        Row("CYC2", "CYC1");
        Row("ORPHAN", "NO-SUCH-PARENT");
        return csv.ToString();
    }

    private static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
