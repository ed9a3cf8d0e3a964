using System.Reflection;

namespace Analytics.Warehouse;

/// <summary>
/// One embedded SQL model (a mart, a feature table, a CLV input): its name, its text and what its header declares.
/// Every kind is read here, so every model's header is parsed, and refused when malformed, by one parser.
/// </summary>
public sealed partial record SqlModel(string Name, string Sql, SqlModelHeader Header)
{
    private static readonly Assembly Resources = typeof(SqlModel).Assembly;

    /// <summary>The columns that identify a row: every model is tested unique and not null on them.</summary>
    public IReadOnlyList<string> Key => Header.Key;

    /// <summary>
    /// The models of an embedded folder (Marts, Features, Clv) in file order, which is build order. A leading
    /// "NNN_" orders the files and is not part of the name.
    /// </summary>
    public static IReadOnlyList<SqlModel> Embedded(string folder) =>
        Resources.GetManifestResourceNames()
            .Where(n => n.StartsWith(folder + "/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(Read)
            .ToList();

    /// <summary>One embedded model by its resource name, e.g. "Clv/contract_renewals.sql".</summary>
    public static SqlModel Read(string resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var file = resource[(resource.LastIndexOf('/') + 1)..^".sql".Length];
        var name = file.Length > 4 && file[..3].All(char.IsAsciiDigit) && file[3] == '_' ? file[4..] : file;
        return Parse(name, Text(resource));
    }

    /// <summary>A model named <paramref name="name"/> from its text: its marks settled and its header parsed (and checked).</summary>
    public static SqlModel Parse(string name, string text)
    {
        var marked = VisibleMark().Replace(text, "true");
        var sql = WholeBuild(marked);
        var header = SqlModelHeader.Parse(name, sql);
        if (RefreshMark().Matches(marked).FirstOrDefault(m => m.Groups[2].Value != header.RefreshBy) is { } stray)
        {
            // A mark on another column would leave out rows of the ids being rebuilt: refused, never silently wrong.
            throw new InvalidOperationException(
                $"Model {name}: the mark {stray.Value} names a column other than the one the model is refreshed by ({header.RefreshBy ?? "none: it is rebuilt whole"}).");
        }

        return new SqlModel(name, sql, header) { RefreshMarked = marked };
    }

    /// <summary>
    /// A model's text as a whole build reads it: every row of every id ({{refresh:column}} "true") and every month
    /// ({{onwards:month}} none). {{visible:column}} marks are left as they are: a region-limited report settles them for
    /// its reader (Reports/ReportQueries).
    /// </summary>
    public static string WholeBuild(string text) =>
        OnwardsMark().Replace(RefreshMark().Replace(text, "true"), "null::date");

    /// <summary>
    /// The model's text with its <c>{{refresh:column}}</c> marks kept (<see cref="Sql"/> has them "true"). A model refreshed
    /// by a column marks where it reads its inputs with that column, e.g. <c>where {{refresh:m.master_account_id}}</c>:
    /// a refresh of some ids' rows puts the ids there (<see cref="Marts.IncrementalRefresh"/>), so only their rows are
    /// read, grouped and ranked. A filter on the model's result alone is not pushed below its windows and materialised
    /// CTEs, and DuckDB computed the whole book first (account_churn for a quarter of the accounts: 1.45 CPU s, with the
    /// marks 0.63, at 50,000 accounts). The mark is a promise like the header's refresh by: rows of other ids are not
    /// needed to compute these ids' rows.
    /// </summary>
    public string RefreshMarked { get; init; } = Sql;

    /// <summary>
    /// A model's text as written. A mart whose rule a region-limited report applies to the visible companies only
    /// (Reports/scoped_*.sql, through {{mart:name}}) marks where the reader's scope narrows it with
    /// {{visible:column}}: built whole, for the marts, every company is visible (<see cref="Read"/>).
    /// </summary>
    public static string Text(string resource) => Migrator.ReadResource(Resources, resource);

    /// <summary>The mark <c>{{refresh:column}}</c>, the whole expression as group 1 and its column (after any alias) as group 2.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{refresh:((?:[a-z0-9_]+\.)?([a-z0-9_]+))\}\}")]
    public static partial System.Text.RegularExpressions.Regex RefreshMark();

    /// <summary>
    /// The mark <c>{{onwards:month}}</c>, in a model refreshed by a column from the touched orders' earliest month on
    /// (<see cref="SqlModelHeader.OrderMonthsOnwards"/>): that month, as a date, where such a refresh computes the rows
    /// of those months only; null (no bound) in a whole build. A model whose month rows look back a bounded number of
    /// months starts its grid there, less that look-back, instead of computing every month and keeping the last.
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{onwards:month\}\}")]
    public static partial System.Text.RegularExpressions.Regex OnwardsMark();

    /// <summary>The mark <c>{{visible:column}}</c>, the column as group 1: "true" in a model built whole, the reader's predicate in a report.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{visible:([A-Za-z0-9_.]+)\}\}")]
    internal static partial System.Text.RegularExpressions.Regex VisibleMark();
}
