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
        var sql = VisibleMark().Replace(Text(resource), "true");
        return new SqlModel(name, sql, SqlModelHeader.Parse(name, sql));
    }

    /// <summary>
    /// A model's text as written. A mart whose rule a region-limited report applies to the visible companies only
    /// (Reports/scoped_*.sql, through {{mart:name}}) marks where the reader's scope narrows it with
    /// {{visible:column}}: built whole, for the marts, every company is visible (<see cref="Read"/>).
    /// </summary>
    public static string Text(string resource) => Migrator.ReadResource(Resources, resource);

    /// <summary>The mark <c>{{visible:column}}</c>, the column as group 1: "true" in a model built whole, the reader's predicate in a report.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{visible:([A-Za-z0-9_.]+)\}\}")]
    internal static partial System.Text.RegularExpressions.Regex VisibleMark();
}
