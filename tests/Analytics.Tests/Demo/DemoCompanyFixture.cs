using System.Globalization;
using Analytics.Ingest;
using Analytics.Ingest.Demo;
using Analytics.Ingest.Loading;
using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Tests.Demo;

/// <summary>One small demo company written to a temp folder and loaded through the real loader, shared by a test class.</summary>
public sealed class DemoCompanyFixture : IDisposable
{
    public DemoCompanyFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "analytics-demo-" + Guid.NewGuid().ToString("N"));
        Folder = Path.Combine(Root, "company");
        Summary = DemoCompany.Write(Folder, Options);
        Database = WarehouseDatabase.Open(Path.Combine(Root, "warehouse.duckdb"));
        Reports = new FileLoader(Database).LoadAll([Folder], new LoadOptions()).ToList();
        Connection = Database.Connect();
        Tickets = Connection.Rows(
            $"select ticket_id, account_id, kind, opened_at, first_response_at, onsite_at, resolved_at, closed_at, satisfaction, is_designated_contact from {Csv("tickets")}",
            r => new DemoTicket(
                r.GetString(0), r.GetString(1), r.GetString(2), Stamp(r.GetString(3))!.Value, Stamp(Text(r, 4)), Stamp(Text(r, 5)),
                Stamp(Text(r, 6)), Stamp(Text(r, 7)), Text(r, 8) is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : null, Text(r, 9) == "true"));
    }

    /// <summary>Fixed, so the end of the data (2025-12-31) and every number the tests see never change.</summary>
    public static DemoOptions Options { get; } = new(new DateOnly(2026, 1, 15)) { Accounts = 600, Years = 3, Seed = 7 };

    public string Root { get; }

    public string Folder { get; }

    public DemoSummary Summary { get; }

    public WarehouseDatabase Database { get; }

    public DuckDBConnection Connection { get; }

    public IReadOnlyList<LoadReport> Reports { get; }

    public IReadOnlyList<DemoTicket> Tickets { get; }

    /// <summary>A DuckDB table function reading one of the written files with every column as text.</summary>
    public string Csv(string entity) => $"read_csv({SqlExtensions.Literal(Path.Combine(Folder, entity + ".csv"))}, header = true, all_varchar = true)";

    public T Scalar<T>(string sql) => Connection.Scalar<T>(sql);

    public void Dispose()
    {
        Connection.Dispose();
        Database.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    private static string? Text(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>The wall-clock time in Asia/Shanghai, as written (every stamp carries +08:00).</summary>
    private static DateTime? Stamp(string? text) =>
        text is null ? null : DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture).DateTime;
}
