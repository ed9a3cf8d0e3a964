using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Reports;

/// <summary>
/// The queries behind the charts, tiles and tables: one embedded file per figure (Reports/NAME.sql). A file starts
/// with <c>with {{companies}}</c>, the shared block of parameters, window and visible companies, and marks every
/// place it reads accounts with <c>{{visible:COLUMN}}</c>, which the caller's access predicate replaces: no report
/// can run without deciding who may see it. Other shared blocks come in the same way: <c>{{NAME}}</c> is the file
/// Reports/_NAME.sql (e.g. <c>{{window_value}}</c>, each company's revenue in the window). A region-limited
/// reader's version of a mart is the mart's own rule, <c>{{mart:NAME}}</c> (Marts/NNN_NAME.sql), whose
/// <c>{{visible:COLUMN}}</c> marks take the reader's predicate here and are "true" where the mart is built.
/// </summary>
public static partial class ReportQueries
{
    /// <summary>The statement of report <paramref name="name"/> with the caller's account predicate filled in.</summary>
    public static string Sql(string name, Func<string, string> accountFilter)
    {
        ArgumentNullException.ThrowIfNull(accountFilter);
        return SqlModel.VisibleMark().Replace(Template(name), m => "(" + accountFilter(m.Groups[1].Value) + ")");
    }

    /// <summary>Runs report <paramref name="name"/> for <paramref name="filter"/>, as seen through <paramref name="accountFilter"/>.</summary>
    public static List<T> Run<T>(DuckDBConnection connection, string name, ReportFilter filter, Func<string, string> accountFilter, Func<DbDataReader, T> map)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return connection.Rows(Sql(name, accountFilter), map, filter.WindowMonths, filter.Tier, filter.Region);
    }

    /// <summary>
    /// Runs an account report (Reports/account_*.sql: $1 is the company's master account id) as seen through
    /// <paramref name="accountFilter"/>; these take no window, tier or region.
    /// </summary>
    public static List<T> RunForAccount<T>(DuckDBConnection connection, string name, string accountId, Func<string, string> accountFilter, Func<DbDataReader, T> map) =>
        connection.Rows(Sql(name, accountFilter), map, accountId);

    public static DataState State(DuckDBConnection connection) =>
        connection.Rows(Template("data_state"),
            r => new DataState(r.Get<long>("data_version"), r.Get<long?>("score_run_id"), r.Get<long?>("marts_build"))).Single();

    private static string Read(string name) =>
        Migrator.ReadResource(Assembly.GetExecutingAssembly(), $"Reports/{name}.sql");

    // Put together once per report: a region-limited reader's every OData request and report goes through here, and
    // the embedded files do not change while the process runs.
    private static readonly ConcurrentDictionary<string, string> Templates = new(StringComparer.Ordinal);

    /// <summary>Report <paramref name="name"/> with its shared blocks and marts' rules in, its {{visible:column}} marks still open.</summary>
    private static string Template(string name) =>
        Templates.GetOrAdd(name, n => Include().Replace(MartRule().Replace(Read(n), m => MartText(m.Groups[1].Value)), m => Read("_" + m.Groups[1].Value)));

    /// <summary>
    /// A mart's own text (Marts/NNN_name.sql), its {{visible:column}} marks kept for the reader's scope; every row of it
    /// is computed, as in a full build (<see cref="SqlModel.WholeBuild"/>).
    /// </summary>
    private static string MartText(string mart) =>
        SqlModel.WholeBuild(SqlModel.Text(Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Single(r => r.StartsWith("Marts/", StringComparison.Ordinal) && r.EndsWith($"_{mart}.sql", StringComparison.Ordinal))));

    [GeneratedRegex(@"\{\{([a-z_]+)\}\}")]
    private static partial Regex Include();

    [GeneratedRegex(@"\{\{mart:([a-z_]+)\}\}")]
    private static partial Regex MartRule();
}
