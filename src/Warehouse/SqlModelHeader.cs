using System.Text.RegularExpressions;

namespace Analytics.Warehouse;

/// <summary>
/// What a SQL model declares about its rows in the "--" lines that open it, one declaration a line:
/// <code>
/// -- key: master_account_id, month
/// -- not null: tier, level
/// -- accepted: tier in (A, B, C)
/// -- references: master_account_id -> core.accounts.account_id
/// -- refresh by: master_account_id
/// -- as_of moves: rows where status in ('open', 'overdue')
/// -- as_of moves: months onwards, kept from select history_start from bounds
/// -- materialized: view
/// </code>
/// The key is required, on one line; not null may take several lines; accepted and references are optional, one
/// line per column. Refresh by names the column whose account (or order, ticket, contract) a row belongs to: the
/// promise that a row changes only when that id's own data changes, so a refresh after a load rebuilds only the rows
/// of the ids the load touched (<see cref="Marts.IncrementalRefresh"/>); without it the model is rebuilt whole.
/// <c>refresh by: month</c> promises that a month's rows change only when that month's rows of the marts it reads do
/// (of the orders and their lines: the orders of that month). <c>refresh by: master_account_id, month</c> adds to the
/// column's promise that a touched id's rows change only in the touched orders' months (<c>, month onwards</c>: from the
/// earliest of them on). As_of moves (with refresh by only) says which rows a later as_of day
/// changes besides those: <c>no row</c> (as_of only bounds rows no load has yet: no order is dated after it), or
/// <c>rows where</c> a condition on the rows as they were, or <c>ids from</c> a query over the model's inputs naming the
/// ids whose rows a later as_of can change (rows a later as_of brings in that the table does not hold yet; the query
/// reads the earlier day as <c>as_of_before.as_of_date</c>, the new one in marts.as_of; it may go on over the lines
/// after it, each indented four spaces past the "--"); without it a moved as_of rebuilds the model whole.
/// <c>as_of moves: months onwards</c> (month in the key; with refresh by a column, or without a refresh by line) says
/// instead that a later as_of changes only the rows of months from the earlier as_of's month on, of every id, and no row
/// before it (as_of bounds the months it judges: a month end, a contract active up to as_of); <c>, kept from</c> a query
/// yielding one month (over the model's inputs, as the refresh left them: the new as_of) adds that the rows of months
/// before it are no longer yielded (a history window that moves on with as_of) and go. The query may go on over the
/// lines after it as an ids query does.
/// <c>materialized: view</c> (a mart only) makes the refresh create the model as a view instead of writing a table: for a
/// model whose rows are a projection of the marts or core table before it, with a few columns added (and one-row joins
/// such as as_of or a setting): writing its rows cost more than computing them again where they are read. Its refresh
/// by and as_of moves lines still say which of its rows a load or a later as_of changes, for the marts that read it.
/// Accepted values are written as they are, without quotes, separated by commas, in the order
/// people see them. Any other header line is prose. Every model is tested against its header (SqlModelTests), so
/// a declaration that does not parse is refused rather than skipped: a check that silently vanished would pass forever.
/// </summary>
public sealed partial record SqlModelHeader(
    IReadOnlyList<string> Key,
    IReadOnlyList<string> NotNull,
    IReadOnlyList<AcceptedValues> Accepted,
    IReadOnlyList<ModelReference> References)
{
    private const string KeyPrefix = "-- key:";
    private const string NotNullPrefix = "-- not null:";
    private const string AcceptedPrefix = "-- accepted:";
    private const string ReferencesPrefix = "-- references:";
    private const string RefreshByPrefix = "-- refresh by:";
    private const string AsOfMovesPrefix = "-- as_of moves:";
    private const string MaterializedPrefix = "-- materialized:";
    private const string RowsWhere = "rows where ";
    private const string IdsFrom = "ids from ";
    private const string MonthsOnwards = "months onwards";
    private const string KeptFrom = ", kept from ";
    private const string OrderMonthsSuffix = ", month";
    private const string OrderMonthsOnSuffix = ", month onwards";

    /// <summary>The columns a model may be refreshed by, each naming an account or a row that belongs to one.</summary>
    public static readonly IReadOnlyList<string> RefreshColumns = ["account_id", "master_account_id", "order_id", "ticket_id", "contract_id"];

    /// <summary>
    /// Refresh by month: a month's rows read only that month's rows of the marts the model reads (ranks and shares
    /// within the month), so a refresh rebuilds the months whose rows changed in those marts.
    /// </summary>
    public const string RefreshMonth = "month";

    /// <summary>The column a refresh after a load rebuilds this model's rows by, or null: rebuilt whole.</summary>
    public string? RefreshBy { get; init; }

    /// <summary>
    /// <c>refresh by: column, month</c>: besides the promise of <see cref="RefreshBy"/>, a touched id's rows change only in
    /// the months of the orders the loads touched (as they were and as they are: refresh_order_months), the month being
    /// the key's month column; its rows of other months are kept. For a model grouped by the month of its orders
    /// (account_order_months: a quarter of the accounts' every month at 50,000 accounts, against the one month a daily
    /// file touches).
    /// </summary>
    /// <remarks>
    /// <c>refresh by: column, month onwards</c> (<see cref="OrderMonthsOnwards"/>): its rows change only from the earliest
    /// touched order's month on, for a model whose month rows look back (windows over the months before, the months
    /// between orders filled): account_months. Null when the header says neither.
    /// </remarks>
    public string? ByOrderMonths { get; init; }

    /// <summary>A <see cref="ByOrderMonths"/>: a touched id's rows of the touched orders' months only.</summary>
    public const string OrderMonthsIn = "in";

    /// <summary>A <see cref="ByOrderMonths"/>: a touched id's rows from the earliest touched order's month on.</summary>
    public const string OrderMonthsOnwards = "onwards";

    /// <summary>
    /// With <see cref="RefreshBy"/>: the condition on the rows as they were that picks those a later as_of changes
    /// ("false" for none), or null: a moved as_of rebuilds the model whole.
    /// </summary>
    public string? AsOfMoves { get; init; }

    /// <summary>
    /// With <see cref="RefreshBy"/>, <c>as_of moves: ids from &lt;query&gt;</c>: the query (over the model's inputs, the
    /// earlier as_of day read from a one-row <c>as_of_before(as_of_date)</c>) that yields the ids, besides the touched
    /// ones, whose rows a later as_of changes; null when the header does not say so. For a model whose rows a later
    /// as_of adds (account_churn: churns dated after the earlier day), which no condition on the rows it holds can find.
    /// </summary>
    public string? AsOfMovesIds { get; init; }

    /// <summary>Whether the header has an as_of moves line that picks ids (no row, rows where, ids from).</summary>
    public bool SaysAsOfMoves => AsOfMoves is not null || AsOfMovesIds is not null;

    /// <summary>
    /// <c>as_of moves: months onwards</c>: a later as_of changes the rows of every id from the earlier as_of's month on,
    /// and no row of a month before it (besides the touched ids' rows, as the refresh by line says), so a refresh rebuilds
    /// those months only. For a model whose months are judged at as_of (account_months: the as_of month's row ends on
    /// as_of; maintenance_visits: a contract is active up to as_of), not whole when as_of moves.
    /// </summary>
    public bool AsOfMovesMonths { get; init; }

    /// <summary>
    /// With <see cref="AsOfMovesMonths"/>, <c>, kept from &lt;query&gt;</c>: the query yielding the first month the model
    /// yields rows of after as_of moved (reading the new as_of); rows of months before it go. Null: no month goes.
    /// </summary>
    public string? AsOfMonthsKeptFrom { get; init; }

    /// <summary>Whether the refresh creates the model as a view (<c>-- materialized: view</c>) rather than a table.</summary>
    public bool IsView { get; init; }

    /// <summary>The values the header accepts in a column, or null when it declares none.</summary>
    public IReadOnlyList<string>? AcceptedIn(string column) => Accepted.FirstOrDefault(a => a.Column == column)?.Values;

    /// <summary>The declarations of <paramref name="sql"/>'s header; throws naming the model and the line when one is malformed.</summary>
    public static SqlModelHeader Parse(string model, string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var lines = sql.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var opening = lines.TakeWhile(l => l.StartsWith("--", StringComparison.Ordinal)).ToList();
        var header = WithQueriesJoined(opening);
        if (lines.Skip(opening.Count).FirstOrDefault(l => Declares(l.TrimStart())) is { } stray)
        {
            throw Malformed(model, stray.Trim(), "declarations belong in the header, the comment lines the model opens with");
        }

        IReadOnlyList<string>? key = null;
        var notNull = new List<string>();
        var accepted = new List<AcceptedValues>();
        var references = new List<ModelReference>();
        string? refreshBy = null;
        string? asOfMoves = null;
        string? asOfMovesIds = null;
        var asOfMonths = false;
        string? keptFrom = null;
        bool? isView = null;
        string? byOrderMonths = null;
        foreach (var line in header)
        {
            if (line.StartsWith(KeyPrefix, StringComparison.Ordinal))
            {
                key = key is null ? Columns(model, line, KeyPrefix) : throw Malformed(model, line, "a second key line");
            }
            else if (line.StartsWith(NotNullPrefix, StringComparison.Ordinal))
            {
                notNull.AddRange(Columns(model, line, NotNullPrefix));
            }
            else if (line.StartsWith(AcceptedPrefix, StringComparison.Ordinal))
            {
                var declared = AcceptedValuesOf(model, line);
                accepted.Add(accepted.All(a => a.Column != declared.Column) ? declared : throw Malformed(model, line, "a second accepted line for the column"));
            }
            else if (line.StartsWith(ReferencesPrefix, StringComparison.Ordinal))
            {
                var declared = ReferenceOf(model, line);
                references.Add(references.All(r => r.Column != declared.Column) ? declared : throw Malformed(model, line, "a second references line for the column"));
            }
            else if (line.StartsWith(RefreshByPrefix, StringComparison.Ordinal))
            {
                var column = line[RefreshByPrefix.Length..].Trim();
                foreach (var (suffix, months) in new[] { (OrderMonthsOnSuffix, OrderMonthsOnwards), (OrderMonthsSuffix, OrderMonthsIn) })
                {
                    if (byOrderMonths is null && column.EndsWith(suffix, StringComparison.Ordinal) && column.Length > suffix.Length)
                    {
                        column = column[..^suffix.Length].TrimEnd();
                        byOrderMonths = months;
                    }
                }

                refreshBy = refreshBy is not null ? throw Malformed(model, line, "a second refresh by line")
                    : RefreshColumns.Contains(column) || column == RefreshMonth ? column
                    : throw Malformed(model, line, $"expected one of {string.Join(", ", RefreshColumns)}, {RefreshMonth}");
            }
            else if (line.StartsWith(AsOfMovesPrefix, StringComparison.Ordinal))
            {
                var rows = line[AsOfMovesPrefix.Length..].Trim();
                if (asOfMoves is not null || asOfMovesIds is not null || asOfMonths)
                {
                    throw Malformed(model, line, "a second as_of moves line");
                }

                if (rows.StartsWith(IdsFrom, StringComparison.Ordinal) && rows.Length > IdsFrom.Length)
                {
                    asOfMovesIds = rows[IdsFrom.Length..];
                }
                else if (rows == MonthsOnwards || (rows.StartsWith(MonthsOnwards + KeptFrom, StringComparison.Ordinal) && rows.Length > MonthsOnwards.Length + KeptFrom.Length))
                {
                    asOfMonths = true;
                    keptFrom = rows == MonthsOnwards ? null : rows[(MonthsOnwards.Length + KeptFrom.Length)..];
                }
                else
                {
                    asOfMoves = rows == "no row" ? "false"
                        : rows.StartsWith(RowsWhere, StringComparison.Ordinal) && rows.Length > RowsWhere.Length ? rows[RowsWhere.Length..]
                        : throw Malformed(model, line, "expected 'no row', 'rows where <condition>', 'ids from <query>', 'months onwards' or 'months onwards, kept from <query>'");
                }
            }
            else if (line.StartsWith(MaterializedPrefix, StringComparison.Ordinal))
            {
                isView = isView is not null ? throw Malformed(model, line, "a second materialized line")
                    : line[MaterializedPrefix.Length..].Trim() switch
                    {
                        "view" => true,
                        "table" => false,
                        _ => throw Malformed(model, line, "expected 'view' or 'table'"),
                    };
            }
        }

        if ((asOfMoves is not null || asOfMovesIds is not null) && refreshBy is null)
        {
            throw Malformed(model, AsOfMovesPrefix, "as_of moves needs a refresh by line: a model rebuilt whole has no rows to pick");
        }

        if (asOfMonths && (refreshBy == RefreshMonth || key?.Contains(RefreshMonth) != true))
        {
            throw Malformed(model, AsOfMovesPrefix, "as_of moves: months onwards needs month in the key and a refresh by a column or none");
        }

        // An as_of moves line other than 'no row' picks rows beyond the touched ones.
        var picksRows = asOfMovesIds is not null || (asOfMoves is not null && asOfMoves != "false");
        if (byOrderMonths is not null && (refreshBy == RefreshMonth || picksRows || key?.Contains(RefreshMonth) != true))
        {
            throw Malformed(model, RefreshByPrefix, "refresh by a column and month needs month in the key and no as_of moves line but 'no row'");
        }

        if (refreshBy == RefreshMonth && (picksRows || key?.Contains(RefreshMonth) != true))
        {
            throw Malformed(model, RefreshByPrefix, "refresh by month needs month in the key and no as_of moves line but 'no row'");
        }

        return new SqlModelHeader(
            key ?? throw new InvalidOperationException($"Model {model} does not declare its key ('{KeyPrefix} a, b') in its header."),
            [.. notNull.Distinct()],
            accepted,
            references)
        {
            RefreshBy = refreshBy,
            ByOrderMonths = byOrderMonths,
            AsOfMoves = asOfMoves,
            AsOfMovesIds = asOfMovesIds,
            AsOfMovesMonths = asOfMonths,
            AsOfMonthsKeptFrom = keptFrom,
            IsView = isView ?? false,
        };
    }

    /// <summary>
    /// The header's lines with an <c>ids from</c> or <c>kept from</c> query that goes on over the lines after it (each "--"
    /// then four spaces or more, so a long query reads as SQL) joined into its line. Only such a query continues: an
    /// indented line anywhere else stays prose.
    /// </summary>
    private static List<string> WithQueriesJoined(IEnumerable<string> lines)
    {
        var joined = new List<string>();
        foreach (var line in lines)
        {
            if (joined.Count > 0 && (joined[^1].StartsWith(AsOfMovesPrefix + " " + IdsFrom.TrimEnd(), StringComparison.Ordinal)
                    || joined[^1].StartsWith(AsOfMovesPrefix + " " + MonthsOnwards + KeptFrom.TrimEnd(), StringComparison.Ordinal))
                && QueryContinues().IsMatch(line))
            {
                joined[^1] = $"{joined[^1]} {line[2..].Trim()}";
            }
            else
            {
                joined.Add(line);
            }
        }

        return joined;
    }

    [GeneratedRegex(@"^-- {4,}\S")]
    private static partial Regex QueryContinues();

    private static bool Declares(string line) =>
        line.StartsWith(KeyPrefix, StringComparison.Ordinal) || line.StartsWith(NotNullPrefix, StringComparison.Ordinal)
        || line.StartsWith(AcceptedPrefix, StringComparison.Ordinal) || line.StartsWith(ReferencesPrefix, StringComparison.Ordinal)
        || line.StartsWith(RefreshByPrefix, StringComparison.Ordinal) || line.StartsWith(AsOfMovesPrefix, StringComparison.Ordinal)
        || line.StartsWith(MaterializedPrefix, StringComparison.Ordinal);

    private static AcceptedValues AcceptedValuesOf(string model, string line)
    {
        var match = AcceptedLine().Match(line[AcceptedPrefix.Length..].Trim());
        if (!match.Success)
        {
            throw Malformed(model, line, "expected 'column in (value, value)'");
        }

        var values = match.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries).ToList();
        return values.Any(v => v.Length == 0) ? throw Malformed(model, line, "an empty value")
            : values.Distinct(StringComparer.Ordinal).Count() < values.Count ? throw Malformed(model, line, "a value listed twice")
            : new AcceptedValues(match.Groups[1].Value, values);
    }

    private static ModelReference ReferenceOf(string model, string line)
    {
        var match = ReferencesLine().Match(line[ReferencesPrefix.Length..].Trim());
        return match.Success
            ? new ModelReference(match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value, match.Groups[4].Value)
            : throw Malformed(model, line, "expected 'column -> schema.table.column'");
    }

    private static List<string> Columns(string model, string line, string prefix)
    {
        var columns = line[prefix.Length..].Split(',', StringSplitOptions.TrimEntries).ToList();
        return columns.All(c => Name().IsMatch(c)) ? columns : throw Malformed(model, line, "expected column names separated by commas");
    }

    private static InvalidOperationException Malformed(string model, string line, string problem) =>
        new($"Model {model}: '{line}' is not a declaration this header syntax knows: {problem}.");

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex Name();

    [GeneratedRegex(@"^([a-z_][a-z0-9_]*) in \((.+)\)$")]
    private static partial Regex AcceptedLine();

    [GeneratedRegex(@"^([a-z_][a-z0-9_]*) -> ([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)$")]
    private static partial Regex ReferencesLine();
}
