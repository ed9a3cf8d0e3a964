using DuckDB.NET.Data;

namespace Analytics.Warehouse.Marts;

/// <summary>
/// Brings the marts up to date after loads that changed only orders, order lines and tickets (meta.load_changes
/// names their accounts, old and new owners both), inside the caller's transaction, model by model in build order:
/// <list type="bullet">
/// <item>a model that reads nothing that changed keeps its table;</item>
/// <item>a model whose header says <c>-- refresh by: column</c> has the rows of the touched ids deleted and the
/// model's rows for those ids inserted, unless it reads a mart that was rebuilt whole and came out different;</item>
/// <item>a model whose header says <c>-- refresh by: month</c> has the rows of the months that changed in the marts
/// it reads rebuilt: of a mart whose key holds the month, the months of the rows that differ; of a mart refreshed
/// by the touched orders (orders, their lines), those orders' months;</item>
/// <item>a model whose header says <c>-- as_of moves: months onwards</c>, when as_of moved later and changed nothing else
/// beyond the touched ids, has every id's rows from the earlier as_of's month on rebuilt (with the touched ids' rows its
/// refresh by line names) and the months it no longer yields deleted;</item>
/// <item>a view (<c>-- materialized: view</c>) is left as it is: its rows are computed from the marts below it where
/// they are read; for its readers it counts as changed by the touched ids, or whole, as its header says;</item>
/// <item>any other model is rebuilt whole (tiers, the Pareto curve, churn rates: ranks and shares over the book).
/// A small one is compared with what it was, so that an as-of day or a service calendar that came out the same
/// leaves the models reading it to the cheaper path.</item>
/// </list>
/// The touched ids of each kind (<see cref="SqlModelHeader.RefreshColumns"/>) are temp tables refresh_&lt;column&gt;.
/// </summary>
internal sealed class IncrementalRefresh(DuckDBConnection connection)
{
    // Whole-book marts up to this size are compared with their previous rows (by their number and an order-independent
    // sum of row hashes taken before and after the rebuild, as ChangedMonths; EXCEPT ALL both ways cost more than
    // building the smaller ones: the daily file's account_company 0.18 CPU s against 0.02 to build); larger ones (the
    // segment history, churn rates) count as changed: comparing them would cost about as much as what it saves.
    private const long ComparedRows = 200_000;

    // Longer lists go in as an IN over the ids' table: the model then runs whole and is filtered at the top. Measured
    // at 146,000 accounts (a 1% daily file, 52,125 order ids): as literals `orders` took 0.54 s, against 11.2 s over the
    // table, `invoice_due_dates` 0.96 against 6.0; even 172,647 ids (`invoice_payments` when as_of moves) were cheaper
    // as literals, 4.3 s against 6.8. The cap was 20,000 before that measurement.
    private const long LiteralIds = 200_000;

    /// <summary>Every change since <paramref name="martsVersion"/>, up to <paramref name="dataVersion"/>, as the tables it touched.</summary>
    public IReadOnlySet<string> ChangedTables(long martsVersion, long dataVersion) =>
        connection.Rows("select distinct entity from meta.load_changes where data_version > $1 and data_version <= $2",
            r => "core." + r.GetString(0), martsVersion, dataVersion).ToHashSet(StringComparer.Ordinal);

    public List<MartTiming> Run(IReadOnlyList<SqlModel> models, long martsVersion, long dataVersion)
    {
        var changed = new HashSet<string>(ChangedTables(martsVersion, dataVersion), StringComparer.Ordinal);
        // Marts whose rows changed beyond the touched ids: a model reading one cannot go by those ids.
        var changedWhole = new HashSet<string>(StringComparer.Ordinal);
        // Of those, the marts whose rows beyond the touched ids changed only as a later as_of changes them (as_of's own
        // header line said which): a model that says which months a later as_of changes may still go by months.
        var movedByAsOf = new HashSet<string>(StringComparer.Ordinal) { "marts.as_of" };
        var touched = TouchIds(martsVersion, dataVersion);
        var asOfBefore = AsOf();
        // The new as_of, read once, when a model first asks: only a model reading the as_of mart, built by then, does.
        DateTime? asOfNow = null;
        bool AsOfMovedLater() => (asOfNow ??= AsOf()) > asOfBefore;
        var monthSources = MonthSources(models);
        // The changed marts whose changed months are known (temp tables refresh_months_<name>).
        var monthsKnown = new HashSet<string>(StringComparer.Ordinal);
        var timings = new List<MartTiming>();
        // What each model reads, found once: the loop below and WorthComparing ask it of every model after a whole one.
        var readsOf = models.ToDictionary(m => m.Name, m => MartInputs.Reads(m.Sql), StringComparer.Ordinal);
        foreach (var model in models)
        {
            var (name, sql, header) = model;
            var clock = MartClock.Start();
            var reads = readsOf[name];
            var table = $"marts.{name}";
            if (!reads.Overlaps(changed))
            {
                timings.Add(clock.Timing(name, 0, MartRebuild.Unchanged));
                continue;
            }

            var changedReads = reads.Intersect(changed).ToList();
            changed.Add(table);
            var wholeReads = reads.Intersect(changedWhole).ToList();
            var asOfMovedOn = wholeReads is ["marts.as_of"] && header.SaysAsOfMoves && AsOfMovedLater();
            if (header.IsView)
            {
                // A view's rows are computed where they are read, from the marts below it as they now are: nothing to
                // rebuild. What changed in it is said for its readers as the table would have: only the touched ids'
                // rows when it goes by them and read nothing changed whole (besides an as_of that changes no row of it).
                if (!(header.RefreshBy is { } by && by != SqlModelHeader.RefreshMonth && (wholeReads.Count == 0 || (asOfMovedOn && header.AsOfMoves == "false"))))
                {
                    changedWhole.Add(table);
                }
                else if (by == "order_id" && !monthSources.Contains(table))
                {
                    connection.Execute($"create or replace temp table {MonthsOf(table)} as select month from refresh_order_months");
                    monthsKnown.Add(table);
                }

                timings.Add(clock.Timing(name, 0, MartRebuild.Unchanged));
                continue;
            }

            // A later as_of that changed the marts it reads beyond the touched ids only as a later as_of does: the months
            // from the earlier as_of's month on, when the header says no other rows change (and, without a refresh by
            // line, nothing else it reads changed).
            if (header.AsOfMovesMonths && wholeReads.Count > 0 && wholeReads.All(movedByAsOf.Contains)
                && (header.RefreshBy is not null || changedReads.All(wholeReads.Contains)) && AsOfMovedLater())
            {
                var (rows, months) = ReplaceMonths(table, model, asOfBefore, asOfNow!.Value, monthSources.Contains(table), touched);
                changedWhole.Add(table);
                movedByAsOf.Add(table);
                if (monthSources.Contains(table))
                {
                    monthsKnown.Add(table);
                }

                timings.Add(clock.Timing(name, rows, MartRebuild.Months, months));
                continue;
            }

            // A model refreshed by month that says a moved as_of changes no row reads as_of as bounding nothing loaded.
            var monthReads = changedReads.Where(t => !(t == "marts.as_of" && header.AsOfMoves == "false")).ToList();
            if (header.RefreshBy == SqlModelHeader.RefreshMonth && monthReads.All(monthsKnown.Contains))
            {
                // Only the months whose rows changed in the marts it reads.
                connection.Execute($"create or replace temp table {MonthsOf(table)} as "
                    + string.Join(" union ", monthReads.Select(t => $"select month from {MonthsOf(t)}").DefaultIfEmpty("select null::date as month where false")));
                var months = connection.Scalar<long>($"select count(*) from {MonthsOf(table)}");
                var rows = ReplaceRows(table, model, $"select month from {MonthsOf(table)}", months, "date ");
                changedWhole.Add(table);
                monthsKnown.Add(table);
                timings.Add(clock.Timing(name, rows, MartRebuild.Rows, months));
            }
            else if (header.RefreshBy is { } column && column != SqlModelHeader.RefreshMonth && (wholeReads.Count == 0 || asOfMovedOn))
            {
                var ids = $"refresh_{column}";
                var count = touched[column];
                if (asOfMovedOn && header.AsOfMoves != "false")
                {
                    // The rows a later as_of changes lie outside the touched ids: their readers must rebuild whole. They
                    // are picked from the rows the table holds, or by the header's query over the model's inputs, which
                    // reads the earlier day from as_of_before.
                    ids = "refresh_as_of_rows";
                    var moved = header.AsOfMovesIds is { } query
                        ? $"with as_of_before as (select {DateLiteral(asOfBefore)} as as_of_date) select * from ({query})"
                        : $"select {column} from {table} where {header.AsOfMoves}";
                    connection.Execute($"create or replace temp table {ids} as select id from refresh_{column} union select * from ({moved})");
                    count = connection.Scalar<long>($"select count(*) from {ids}");
                    changedWhole.Add(table);
                    movedByAsOf.Add(table);
                }

                var values = $"select id from {ids}";
                // A model that says so keeps a touched id's rows of the months no touched order lies in.
                var months = OrderMonths(header.ByOrderMonths);
                var filter = $"{column} in ({values})" + (months is null ? "" : $" and month {months.Condition}");
                if (monthSources.Contains(table))
                {
                    connection.Execute($"create or replace temp table refresh_before as select * from {table} where {filter}");
                }

                var rows = ReplaceRows(table, model, values, count, months: months);
                if (monthSources.Contains(table))
                {
                    ChangedMonths(table, "refresh_before", $"(select * from {table} where {filter})");
                    monthsKnown.Add(table);
                    connection.Execute("drop table refresh_before");
                }
                else if (ids == "refresh_order_id")
                {
                    // Rows of the touched orders alone: what changed lies in those orders' months, as they were and are.
                    connection.Execute($"create or replace temp table {MonthsOf(table)} as select month from refresh_order_months");
                    monthsKnown.Add(table);
                }

                timings.Add(clock.Timing(name, rows, MartRebuild.Rows, count));
            }
            else
            {
                if (Rebuild(table, sql, monthSources.Contains(table), WorthComparing(models, model, readsOf, changedWhole)))
                {
                    changedWhole.Add(table);
                    // Only a month source rebuilt by months has the list of its changed months to hand on.
                    if (monthSources.Contains(table))
                    {
                        monthsKnown.Add(table);
                    }
                }
                else
                {
                    changed.Remove(table);
                }

                timings.Add(clock.Timing(name, connection.Scalar<long>($"select count(*) from {table}")));
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

    /// <summary>
    /// The rows of <paramref name="table"/> whose refresh-by column is one of the <paramref name="count"/> values that
    /// <paramref name="values"/> selects, computed again by its model. A model with {{refresh:column}} marks
    /// (<see cref="SqlModel.RefreshMarked"/>) reads only those ids' rows there, a semi-join beneath its groups and
    /// windows, and yields only their rows; any other is filtered on its result by a list of literals (<see cref="InList"/>).
    /// At 50,000 accounts, a quarter of the accounts' account_order_months: marked 0.22 CPU s; a literal list at the
    /// marks and on the result 0.66 (12,744 literals parsed twice), the ids' table there 0.57 (a semi-join on the
    /// result is planned above the whole model).
    /// </summary>
    /// <remarks>
    /// With <paramref name="months"/> (<see cref="SqlModelHeader.ByOrderMonths"/>), only those ids' rows of the months it
    /// selects: given as literals on the result, which DuckDB pushes through the model's group by month down to its scans.
    /// </remarks>
    private long ReplaceRows(string table, SqlModel model, string values, long count, string type = "", TouchedMonths? months = null)
    {
        var column = model.Header.RefreshBy;
        var inMonths = months is null ? "" : $" and month {months.Condition}";
        connection.Execute($"delete from {table} where {column} in ({values}){inMonths}");
        // From the earliest touched month on: its literal where the model marks {{onwards:month}} (null: no touched order).
        var onwards = months?.From ?? "null::date";
        var sql = model.RefreshMarked != model.Sql
            ? $"select * from (\n{SqlModel.OnwardsMark().Replace(SqlModel.RefreshMark().Replace(model.RefreshMarked, m => $"{m.Groups[1].Value} in ({values})"), onwards)}\n) where true"
            : $"select * from (\n{model.Sql}\n) where {column} in {InList(values, count, type)}";
        return connection.Execute($"insert into {table} by name {sql}{inMonths}");
    }

    /// <summary>
    /// As_of moved later than <paramref name="asOfBefore"/> (<see cref="SqlModelHeader.AsOfMovesMonths"/>): every id's rows
    /// of the months from the earlier as_of's month on, computed with that month at the model's {{onwards:month}} mark (a
    /// model without one is filtered on its result by the month, a constant DuckDB pushes down), and the touched ids'
    /// rows before it as the refresh by line says; the rows of months before the header's kept from month deleted. A month
    /// source's changed months are found by comparing those rows before and after, as for a refresh by rows.
    /// </summary>
    /// <returns>the rows written, and the months from the earlier as_of's through the new one's.</returns>
    private (long Rows, long Months) ReplaceMonths(string table, SqlModel model, DateTime asOfBefore, DateTime asOf, bool monthSource, Dictionary<string, long> touched)
    {
        var header = model.Header;
        var from = DateLiteral(new DateTime(asOfBefore.Year, asOfBefore.Month, 1));
        var every = new List<string> { $"month >= {from}" };
        if (header.AsOfMonthsKeptFrom is { } keptFrom
            && connection.Scalar<DateTime?>($"select min(m)::timestamp from ({keptFrom}) t(m)") is { } kept)
        {
            every.Add($"month < {DateLiteral(kept)}");
        }

        // The touched ids' rows before that month, as the refresh by line says (from the months on, in the months, or all).
        var months = OrderMonths(header.ByOrderMonths);
        var column = header.RefreshBy;
        var earlier = column is not null
            && (months is null || connection.Scalar<long>($"select count(*) from refresh_order_months where month < {from}") > 0);
        var before = new TouchedMonths($"{months?.Condition ?? "is not null"} and month < {from}", months?.From);
        var touchedRows = earlier ? $"{column} in (select id from refresh_{column}) and month {before.Condition}" : "false";
        var changes = $"{string.Join(" or ", every)} or ({touchedRows})";
        if (monthSource)
        {
            connection.Execute($"create or replace temp table refresh_before as select * from {table} where {changes}");
        }

        connection.Execute($"delete from {table} where {string.Join(" or ", every)}");
        var sql = SqlModel.OnwardsMark().Replace(SqlModel.RefreshMark().Replace(model.RefreshMarked, "true"), from);
        long rows = connection.Execute($"insert into {table} by name select * from (\n{sql}\n) where month >= {from}");
        if (earlier)
        {
            rows += ReplaceRows(table, model, $"select id from refresh_{column}", touched[column!], months: before);
        }

        if (monthSource)
        {
            ChangedMonths(table, "refresh_before", $"(select * from {table} where {changes})");
            connection.Execute("drop table refresh_before");
        }

        return (rows, ((asOf.Year * 12) + asOf.Month) - ((asOfBefore.Year * 12) + asOfBefore.Month) + 1);
    }

    private static string DateLiteral(DateTime day) => $"date '{day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}'";

    /// <summary>
    /// The condition on the month a model refreshed by a column and month puts on a touched id's rows
    /// (<see cref="SqlModelHeader.ByOrderMonths"/>), or null for all of them: the touched orders' months, or from the
    /// earliest of them on, as literals (a daily file's one or two), a constant filter DuckDB pushes down through the
    /// model's group by month to its scans. No touched order: a condition no row meets.
    /// </summary>
    private TouchedMonths? OrderMonths(string? byOrderMonths)
    {
        switch (byOrderMonths)
        {
            case SqlModelHeader.OrderMonthsIn:
                return new TouchedMonths($"in {InList("select month from refresh_order_months", 0, "date ")}", null);
            case SqlModelHeader.OrderMonthsOnwards:
                var from = InList("select min(month) from refresh_order_months having count(*) > 0", 0, "date ")[1..^1];
                return new TouchedMonths($">= {from}", from);
            default:
                return null;
        }
    }

    /// <summary>The condition on a touched id's months, and for a refresh from a month on that month's literal (the {{onwards:month}} mark's value).</summary>
    private sealed record TouchedMonths(string Condition, string? From);

    private static string MonthsOf(string table) => $"refresh_months_{table["marts.".Length..]}";

    /// <summary>
    /// The values <paramref name="values"/> selects, for an IN: a list of literals (with <paramref name="type"/> before
    /// each) when it is short: DuckDB pushes a constant IN list down into the scans beneath the model's joins and groups
    /// (and through a window partitioned by month), so only those rows are read and computed, where an IN over a table
    /// is a join at the top, after the whole model was computed (at a model's marks, beneath, it is a cheap semi-join).
    /// </summary>
    private string InList(string values, long count, string type = "") =>
        count <= LiteralIds
            ? $"({string.Join(", ", connection.Rows($"select v::varchar from ({values}) t(v) order by 1", r => type + SqlExtensions.Literal(r.GetString(0))).DefaultIfEmpty("null"))})"
            : $"({values})";

    /// <summary>
    /// The months whose rows differ, refresh_months_&lt;name&gt;: a month's rows are compared by their number and an
    /// order-independent sum of row hashes (as <see cref="MartInputs"/> fingerprints its inputs). EXCEPT ALL both ways
    /// hashes every row into a table twice: over a history rebuilt whole (1.6 million rows at 50,000 accounts) it cost
    /// more than building the history.
    /// </summary>
    private void ChangedMonths(string table, string before, string after) =>
        connection.Execute($"""
            create or replace temp table {MonthsOf(table)} as
            with b as (select month, count(*) as n, sum(hash(x)) as h from {before} x group by month),
                a as (select month, count(*) as n, sum(hash(x)) as h from {after} x group by month)
            select month from a full join b using (month)
            where a.n is distinct from b.n or a.h is distinct from b.h
            """);

    /// <summary>The marts' as_of day (the min value when it has no row yet).</summary>
    private DateTime AsOf() => connection.Scalar<DateTime?>("select max(as_of_date)::timestamp from marts.as_of") ?? DateTime.MinValue;

    /// <summary>
    /// A whole rebuild. A mart is replaced as the full build writes it; a small one is fingerprinted before and after
    /// (its number of rows and an order-independent sum of row hashes, as <see cref="ChangedMonths"/>), so that one that
    /// came out the same counts as unchanged for the models reading it. A mart whose changed months a model refreshed
    /// by month needs is built aside and only the months that differ are replaced (a new as_of day changes the as_of
    /// month's rows, not the history's).
    /// </summary>
    /// <remarks>
    /// The small ones were built aside too, compared, and copied in when they differed (as every one of a daily file's
    /// does): at 50,000 accounts the daily file's 15 whole-book marts cost 5.46-5.52 CPU s so, 5.02-5.13 replaced and
    /// fingerprinted, 4.71 replaced alone (the copy of critical_accounts alone 0.20).
    /// </remarks>
    /// <returns>whether the table's rows differ from before (always, for a large one, and without <paramref name="compare"/>).</returns>
    private bool Rebuild(string table, string sql, bool byMonth, bool compare)
    {
        if (!byMonth)
        {
            var before = !compare || connection.Scalar<long>($"select count(*) from {table}") > ComparedRows ? ((long, string)?)null : RowsFingerprint(table);
            connection.Execute($"create or replace table {table} as\n{sql}");
            return before is null || RowsFingerprint(table) != before;
        }

        connection.Execute($"create or replace temp table refresh_next as\n{sql}");
        ChangedMonths(table, table, "refresh_next");
        var changed = connection.Scalar<long>($"select count(*) from {MonthsOf(table)}") > 0;
        if (changed)
        {
            var months = $" where month in (select month from {MonthsOf(table)})";
            connection.Execute($"delete from {table}{months}");
            connection.Execute($"insert into {table} by name select * from refresh_next{months}");
        }

        connection.Execute("drop table refresh_next");
        return changed;
    }

    /// <summary>
    /// Whether knowing that <paramref name="model"/>'s mart came out the same could spare a model after it: not when every
    /// model reading it also reads another mart already changed whole (as_of aside), other than by month, for such a
    /// model is rebuilt whole (or changed whole, a view) either way. At 50,000 accounts a daily file's whole-book marts'
    /// fingerprints (before and after) cost about 0.3 CPU s; most of them are read only by marts rebuilt whole anyway.
    /// </summary>
    private static bool WorthComparing(IReadOnlyList<SqlModel> models, SqlModel model, Dictionary<string, IReadOnlySet<string>> readsOf, HashSet<string> changedWhole)
    {
        var table = $"marts.{model.Name}";
        return models.SkipWhile(m => m != model).Skip(1).Select(m => (m.Header, Reads: readsOf[m.Name])).Where(m => m.Reads.Contains(table))
            .Any(m => m.Header.RefreshBy == SqlModelHeader.RefreshMonth
                || !m.Reads.Any(t => t != table && t != "marts.as_of" && changedWhole.Contains(t)));
    }

    /// <summary>A table's number of rows and the order-independent sum of its row hashes.</summary>
    private (long Rows, string Hash) RowsFingerprint(string table) =>
        connection.Rows($"select count(*), coalesce(sum(hash(x)), 0)::varchar from {table} x", r => (r.GetFieldValue<long>(0), r.GetString(1))).Single();

    /// <summary>
    /// The ids whose rows a refresh by that column rebuilds: the orders and tickets the loads wrote or replaced, their
    /// accounts before and after, those accounts' companies (duplicates merged), and the contracts the rows named
    /// before and after; and those orders' months (refresh_order_months).
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

        // The touched orders' months, as the marts hold them (before this refresh) and as the loads wrote them.
        connection.Execute("""
            create or replace temp table refresh_order_months as
            select distinct date_trunc('month', order_date)::date as month from (
                select order_date from marts.orders where order_id in (select id from refresh_order_id)
                union all
                select order_date from core.orders where order_id in (select id from refresh_order_id))
            """);
        return counts;
    }
}
