using System.Diagnostics;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Marts;

/// <summary>
/// Brings the marts up to date after loads that changed only orders, order lines and tickets (meta.load_changes
/// names their accounts, old and new owners both), inside the caller's transaction, model by model in build order:
/// <list type="bullet">
/// <item>a model that reads nothing that changed keeps its table;</item>
/// <item>a model whose header says <c>-- refresh by: column</c> has the rows of the touched ids deleted and the
/// model's rows for those ids inserted, unless it reads a mart that was rebuilt whole and came out different;</item>
/// <item>any other model is rebuilt whole (tiers, the Pareto curve, churn rates: ranks and shares over the book).
/// A small one is compared with what it was, so that an as-of day or a service calendar that came out the same
/// leaves the models reading it to the cheaper path.</item>
/// </list>
/// The touched ids of each kind (<see cref="SqlModelHeader.RefreshColumns"/>) are temp tables refresh_&lt;column&gt;.
/// </summary>
internal sealed class IncrementalRefresh(DuckDBConnection connection)
{
    // Whole-book marts up to this size are compared with their previous rows (both ways, EXCEPT ALL); larger ones
    // (the segment history, churn rates) count as changed: comparing them would cost about as much as what it saves.
    private const long ComparedRows = 200_000;

    // Longer lists cost more to parse and plan than they save; the model then runs whole and is filtered at the top.
    private const long LiteralIds = 20_000;

    /// <summary>Every change since <paramref name="martsVersion"/>, up to <paramref name="dataVersion"/>, as the tables it touched.</summary>
    public IReadOnlySet<string> ChangedTables(long martsVersion, long dataVersion) =>
        connection.Rows("select distinct entity from meta.load_changes where data_version > $1 and data_version <= $2",
            r => "core." + r.GetString(0), martsVersion, dataVersion).ToHashSet(StringComparer.Ordinal);

    public List<MartTiming> Run(IReadOnlyList<SqlModel> models, long martsVersion, long dataVersion)
    {
        var changed = new HashSet<string>(ChangedTables(martsVersion, dataVersion), StringComparer.Ordinal);
        // Marts whose rows changed beyond the touched ids: a model reading one cannot go by those ids.
        var changedWhole = new HashSet<string>(StringComparer.Ordinal);
        var touched = TouchIds(martsVersion, dataVersion);
        var asOfBefore = AsOf();
        var monthSources = MonthSources(models);
        // The changed marts whose changed months are known (temp tables refresh_months_<name>).
        var monthsKnown = new HashSet<string>(StringComparer.Ordinal);
        var timings = new List<MartTiming>();
        foreach (var (name, sql, header) in models)
        {
            var clock = Stopwatch.StartNew();
            var cpu = MartBuilder.ProcessorTime();
            var reads = MartInputs.Reads(sql);
            var table = $"marts.{name}";
            if (!reads.Overlaps(changed))
            {
                timings.Add(new MartTiming(name, 0, clock.Elapsed) { Rebuild = MartRebuild.Unchanged, Cpu = MartBuilder.ProcessorTime() - cpu });
                continue;
            }

            var changedReads = reads.Intersect(changed).ToList();
            changed.Add(table);
            var wholeReads = reads.Intersect(changedWhole).ToList();
            var asOfMovedOn = wholeReads is ["marts.as_of"] && header.AsOfMoves is not null && AsOf() > asOfBefore;
            if (header.RefreshBy == SqlModelHeader.RefreshMonth && changedReads.All(monthsKnown.Contains))
            {
                // Only the months whose rows changed in the marts it reads.
                connection.Execute($"create or replace temp table {MonthsOf(table)} as {string.Join(" union ", changedReads.Select(t => $"select month from {MonthsOf(t)}"))}");
                var filter = MonthFilter(MonthsOf(table));
                connection.Execute($"delete from {table} where {filter}");
                var rows = connection.Execute($"insert into {table} by name select * from (\n{sql}\n) where {filter}");
                changedWhole.Add(table);
                monthsKnown.Add(table);
                var months = connection.Scalar<long>($"select count(*) from {MonthsOf(table)}");
                timings.Add(new MartTiming(name, rows, clock.Elapsed) { Rebuild = MartRebuild.Rows, Ids = months, Cpu = MartBuilder.ProcessorTime() - cpu });
            }
            else if (header.RefreshBy is { } column && column != SqlModelHeader.RefreshMonth && (wholeReads.Count == 0 || asOfMovedOn))
            {
                var ids = $"refresh_{column}";
                var count = touched[column];
                if (asOfMovedOn && header.AsOfMoves != "false")
                {
                    // The rows a later as_of changes lie outside the touched ids: their readers must rebuild whole.
                    ids = "refresh_as_of_rows";
                    connection.Execute($"create or replace temp table {ids} as select id from refresh_{column} union select {column} from {table} where {header.AsOfMoves}");
                    count = connection.Scalar<long>($"select count(*) from {ids}");
                    changedWhole.Add(table);
                }

                var filter = IdFilter(column, ids, count);
                if (monthSources.Contains(table))
                {
                    connection.Execute($"create or replace temp table refresh_before as select * from {table} where {filter}");
                }

                connection.Execute($"delete from {table} where {filter}");
                var rows = connection.Execute($"insert into {table} by name select * from (\n{sql}\n) where {filter}");
                if (monthSources.Contains(table))
                {
                    ChangedMonths(table, "refresh_before", $"(select * from {table} where {filter})");
                    monthsKnown.Add(table);
                    connection.Execute("drop table refresh_before");
                }

                timings.Add(new MartTiming(name, rows, clock.Elapsed) { Rebuild = MartRebuild.Rows, Ids = count, Cpu = MartBuilder.ProcessorTime() - cpu });
            }
            else
            {
                if (monthSources.Contains(table) ? !RebuildMonths(table, sql) : !RebuildWhole(name, sql))
                {
                    changed.Remove(table);
                }
                else
                {
                    changedWhole.Add(table);
                    // Only a month source rebuilt by months has the list of its changed months to hand on.
                    if (monthSources.Contains(table))
                    {
                        monthsKnown.Add(table);
                    }
                }

                timings.Add(new MartTiming(name, connection.Scalar<long>($"select count(*) from {table}"), clock.Elapsed) { Cpu = MartBuilder.ProcessorTime() - cpu });
            }
        }

        return timings;
    }

    /// <summary>The marts a model refreshed by month reads whose key holds the month: their changed months are kept.</summary>
    private static HashSet<string> MonthSources(IReadOnlyList<SqlModel> models)
    {
        var byMonth = models.Where(m => m.Header.Key.Contains(SqlModelHeader.RefreshMonth)).Select(m => $"marts.{m.Name}").ToHashSet(StringComparer.Ordinal);
        return models.Where(m => m.Header.RefreshBy == SqlModelHeader.RefreshMonth)
            .SelectMany(m => MartInputs.Reads(m.Sql)).Where(byMonth.Contains).ToHashSet(StringComparer.Ordinal);
    }

    private static string MonthsOf(string table) => $"refresh_months_{table["marts.".Length..]}";

    /// <summary>The months as a literal list, which DuckDB pushes down through a window partitioned by month.</summary>
    private string MonthFilter(string months) =>
        $"month in ({string.Join(", ", connection.Rows($"select month::varchar from {months} order by 1", r => $"date '{r.GetString(0)}'").DefaultIfEmpty("null"))})";

    /// <summary>The months of the rows in one set and not the other (both ways, EXCEPT ALL): refresh_months_&lt;name&gt;.</summary>
    private void ChangedMonths(string table, string before, string after) =>
        connection.Execute($"""
            create or replace temp table {MonthsOf(table)} as
            select distinct month from (
                (select * from {before} except all select * from {after})
                union all
                (select * from {after} except all select * from {before}))
            """);

    /// <summary>
    /// A whole rebuild of a mart whose changed months a model refreshed by month needs: built aside, compared, and
    /// only the months that differ replaced (a new as_of day changes the as_of month's rows, not the history's).
    /// </summary>
    /// <returns>whether any month's rows differ from before.</returns>
    private bool RebuildMonths(string table, string sql)
    {
        connection.Execute($"create or replace temp table refresh_next as\n{sql}");
        ChangedMonths(table, table, "refresh_next");
        var filter = $"month in (select month from {MonthsOf(table)})";
        connection.Execute($"delete from {table} where {filter}");
        connection.Execute($"insert into {table} by name select * from refresh_next where {filter}");
        connection.Execute("drop table refresh_next");
        return connection.Scalar<long>($"select count(*) from {MonthsOf(table)}") > 0;
    }

    /// <summary>The marts' as_of day (the min value when it has no row yet).</summary>
    private DateTime AsOf() => connection.Scalar<DateTime?>("select max(as_of_date)::timestamp from marts.as_of") ?? DateTime.MinValue;

    /// <summary>
    /// The rows of the touched ids, as a list of literals when it is short: DuckDB pushes a constant IN list down into
    /// the scans beneath the model's joins and groups, so only those ids' rows are read and computed, where an IN
    /// over a table is a join at the top, after the whole model was computed.
    /// </summary>
    private string IdFilter(string column, string ids, long count) =>
        count <= LiteralIds
            ? $"{column} in ({string.Join(", ", connection.Rows($"select id from {ids} order by id", r => SqlExtensions.Literal(r.GetString(0))).DefaultIfEmpty("null"))})"
            : $"{column} in (select id from {ids})";

    /// <returns>whether the table's rows differ from before (always, for a large one).</returns>
    private bool RebuildWhole(string name, string sql)
    {
        var table = $"marts.{name}";
        if (connection.Scalar<long>($"select count(*) from {table}") > ComparedRows)
        {
            connection.Execute($"create or replace table {table} as\n{sql}");
            return true;
        }

        connection.Execute($"create or replace temp table refresh_next as\n{sql}");
        var same = connection.Scalar<bool>($"""
            select not exists (select * from {table} except all select * from refresh_next)
                and not exists (select * from refresh_next except all select * from {table})
            """);
        if (!same)
        {
            connection.Execute($"create or replace table {table} as select * from refresh_next");
        }

        connection.Execute("drop table refresh_next");
        return !same;
    }

    /// <summary>
    /// The ids whose rows a refresh by that column rebuilds: the orders and tickets the loads wrote or replaced, their
    /// accounts before and after, those accounts' companies (duplicates merged), and the contracts the rows named
    /// before and after.
    /// </summary>
    private Dictionary<string, long> TouchIds(long martsVersion, long dataVersion)
    {
        var since = $"data_version > {martsVersion} and data_version <= {dataVersion}";
        var sets = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["account_id"] = $"select distinct account_id from meta.load_changes where {since}",
            ["master_account_id"] = "select distinct master_account_id from marts.account_merge_map where account_id in (select id from refresh_account_id)",
            ["order_id"] = $"select distinct order_id from meta.load_changes where {since} and order_id is not null",
            ["ticket_id"] = $"select distinct ticket_id from meta.load_changes where {since} and ticket_id is not null",
            ["contract_id"] = $"select distinct contract_id from meta.load_changes where {since} and contract_id is not null",
        };
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var column in SqlModelHeader.RefreshColumns)
        {
            connection.Execute($"create or replace temp table refresh_{column} as select * from ({sets[column]}) t(id)");
            counts[column] = connection.Scalar<long>($"select count(*) from refresh_{column}");
        }

        return counts;
    }
}
