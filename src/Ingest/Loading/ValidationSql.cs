using Analytics.Ingest.Entities;
using Analytics.Warehouse;
using static Analytics.Warehouse.SqlExtensions;

namespace Analytics.Ingest.Loading;

/// <summary>
/// Builds the statements that type and check a staged file: the view <c>checked</c> gives every row
/// with its typed canonical columns, <c>outcome</c> (loaded, rejected, pending), <c>reason</c> and
/// <c>waiting_for</c>. It is a view, not a table: writing ten million checked rows to a temp table
/// only to read them back costs more than checking them again for the few rows that do not load.
/// </summary>
internal static class ValidationSql
{
    public const string CheckedTable = "checked";
    public const string RepeatedHashesTable = "repeated_key_hashes";
    public const string RepeatedKeysTable = "repeated_keys";
    private const string DuplicatesTable = "duplicate_keys";

    /// <summary>
    /// The statements that check a staged file, run in order: keys repeated within the file first
    /// (their lines listed only when there are any), then the view of checked rows. Each reads the
    /// typing chain once, so DuckDB streams it instead of materialising it.
    /// </summary>
    /// <param name="sourceOf">canonical column -> source column (null when the file does not have it).</param>
    /// <param name="release">true when pending rows are tried again: duplicates across files are then normal.</param>
    public static CheckStatements Build(EntitySchema entity, StagedSource source, IReadOnlyDictionary<string, string?> sourceOf,
        ValueFormats formats, OrphanPolicy orphans, bool release)
    {
        var chain = Chain(entity, source, sourceOf, formats);
        var keyJoin = string.Join(" and ", entity.Key.Select((k, i) => $"d.k{i} = t.{Identifier(k)}"));
        var keyText = string.Join(" || ', ' || ", entity.Key.Select(k => $"'{k}=' || t.{Identifier(k)}"));
        var duplicates = DuplicateKeys(entity, source, sourceOf, formats, release, chain, keyJoin);

        // Each rule is a condition and its message; messages are built only for rows that break a rule,
        // since DuckDB evaluates a case branch only for the rows that take it.
        var rules = entity.Columns
            .Select(c => c.Name == entity.NumberedKey && sourceOf.GetValueOrDefault(c.Name) is not null ? c with { Required = true } : c)
            .SelectMany(TypeRules).ToList();
        rules.Add(new("d.n is not null", $"'duplicate key ' || {keyText} || ' in file (lines ' || d.lines || ')'"));
        rules.AddRange(entity.Checks.Select(c => new Rule($"({c.RejectWhen})", c.ReasonSql ?? Literal(c.Reason))));
        // Each parent is looked up once, into a flag the rule and its message both read.
        var parentFlags = string.Join(",\n        ", entity.References.Select((r, i) =>
            $"(t.{Identifier(r.Column)} is not null and not (t.{Identifier(r.Column)} in (select {Identifier(r.ParentColumn)} from {r.ParentTable}))) as parent_missing_{i}"));
        var parents = entity.References.Select((r, i) => new Rule($"t.parent_missing_{i}", $"'{Singular(r.ParentEntity)} ' || t.{Identifier(r.Column)}")).ToList();
        var flagColumns = string.Concat(entity.References.Select((_, i) => $", parent_missing_{i}"));
        Rule? sameFile = null;
        if (SelfReference(entity) is { } self)
        {
            // A parent of the same entity later in the same file lets the row wait for it (released once the file's
            // rows are in, in the same transaction), even where unknown parents are rejected; a parent that would
            // lead back to the row is rejected whatever the policy.
            parentFlags += $",\n        (t.{Identifier(self.Column)} in (select {KeyList(entity)} from numbered)) as parent_in_file";
            flagColumns += ", parent_in_file, parent_cycle";
            sameFile = parents[entity.References.ToList().IndexOf(self)];
            rules.Add(new Rule("t.parent_cycle is not null", $"'{self.Column} makes a cycle: ' || t.parent_cycle"));
        }

        if (orphans == OrphanPolicy.Reject)
        {
            rules.AddRange(parents.Where(p => p != sameFile).Select(p => p with { Message = $"'unknown ' || {p.Message}" }));
            parents.Clear();
            if (sameFile is { } waiting)
            {
                rules.Add(new Rule($"({waiting.Condition} and not t.parent_in_file)", $"'unknown ' || {waiting.Message}"));
                parents.Add(waiting with { Condition = $"({waiting.Condition} and t.parent_in_file)" });
            }
        }

        var rawColumns = string.Join(", ", entity.Columns.Select(c => Identifier("raw__" + c.Name)));
        var checkedTable = $"""
            create or replace temp view {CheckedTable} as
            {chain}{Cycles(entity)}, linked as (
                select t.*{(parentFlags.Length > 0 ? ",\n        " + parentFlags : "")}{(sameFile is null ? "" : ",\n        cy.cycle as parent_cycle")}
                from numbered t{(sameFile is null ? "" : $"\n        left join cycles cy on cy.start = t.{KeyList(entity)}")}
            ), judged as (
                select t.* exclude ({rawColumns}{flagColumns}),
                    {Messages(rules)} as reason,
                    {Messages(parents)} as waiting_for
                from linked t
                left join {DuplicatesTable} d on {keyJoin}
            )
            select *, case when reason <> '' then 'rejected' when waiting_for <> '' then 'pending' else 'loaded' end as outcome
            from judged
            """;
        return duplicates with { Checked = checkedTable };
    }

    private static CheckStatements DuplicateKeys(EntitySchema entity, StagedSource source, IReadOnlyDictionary<string, string?> sourceOf,
        ValueFormats formats, bool release, string chain, string keyJoin)
    {
        var keyNotNull = string.Join(" and ", entity.Key.Select(k => $"{Identifier(k)} is not null"));
        var keyColumns = string.Join(", ", entity.Key.Select((k, i) => $"{Identifier(k)} as k{i}"));

        // Keys are first compared by a 64-bit hash; only hashes seen twice, usually none, are then grouped by
        // the exact key, so a rare collision is never taken for a duplicate. A hash is seen twice when, sorted,
        // it equals the one before it: sorting ten million hashes takes three fifths of the time of grouping
        // them (1.6 s against 2.7 s on two cores), which builds a hash table of ten million groups.
        // When the file has every key column, the hashes are computed straight from the staged table,
        // typed exactly as the chain types them, which saves a good part of this pass.
        var keyHash = $"hash({string.Join(", ", entity.Key.Select(Identifier))})";
        var direct = entity.Key.All(k => sourceOf.GetValueOrDefault(k) is not null);
        var directKeys = !direct ? "" : string.Join(", ", entity.Key.Select((k, i) =>
        {
            var column = entity.Column(k);
            var text = $"s.{Identifier(sourceOf[k]!)}";
            return Typed(column, Cleaned(column.Kind == ColumnKind.Text ? $"trim({text})" : text, formats), formats, Literal(formats.TimeZone)) + $" as k{i}";
        }));
        var directNotNull = string.Join(" and ", entity.Key.Select((_, i) => $"k{i} is not null"));
        var directHash = $"hash({string.Join(", ", entity.Key.Select((_, i) => $"k{i}"))})";
        var repeatedHashes = release
            ? $"create or replace temp table {RepeatedHashesTable} as select null::ubigint as h where false"
            : direct
            ? $"""
               create or replace temp table {RepeatedHashesTable} as
               {RepeatedIn($"select {directHash} as h from (select {directKeys} from {source.Table} s) where {directNotNull}")}
               """
            : $"""
               create or replace temp table {RepeatedHashesTable} as
               {chain}
               {RepeatedIn($"select {keyHash} as h from numbered where {keyNotNull}")}
               """;
        var repeatedKeys = $"""
            create or replace temp table {RepeatedKeysTable} as
            {chain}
            select {keyColumns}, count(*) as n from numbered
            where {keyNotNull} and {keyHash} in (select h from {RepeatedHashesTable})
            group by all having count(*) > 1
            """;
        var noRepeatedKeys = $"""
            create or replace temp table {RepeatedKeysTable} as
            {chain}
            select {keyColumns}, 0::bigint as n from numbered where false
            """;
        var duplicateLines = $"""
            create or replace temp table {DuplicatesTable} as
            {chain}
            select d.*, string_agg(t.source_line::varchar, ', ' order by t.source_line) as lines
            from {RepeatedKeysTable} d join numbered t on {keyJoin}
            group by all
            """;
        var noDuplicates = $"create or replace temp table {DuplicatesTable} as select *, null::varchar as lines from {RepeatedKeysTable}";

        return new CheckStatements(repeatedHashes, repeatedKeys, noRepeatedKeys, duplicateLines, noDuplicates, Checked: "");
    }

    /// <summary>A reference from the entity to itself (an account's parent account), whose key is one column; else null.</summary>
    internal static ReferenceSpec? SelfReference(EntitySchema entity) =>
        entity.Key.Count == 1 ? entity.References.FirstOrDefault(r => r.ParentTable == entity.Table && r.ParentColumn == entity.Key[0]) : null;

    /// <summary>
    /// For an entity that references itself: <c>cycles</c>, one row per row of the file whose parent chain leads back
    /// to it, with the chain (<c>A -> B -> A</c>). The chain follows the file's rows first, then the rows waiting for a
    /// parent, then the stored rows the file does not replace, so a cycle is found whether its links came in one
    /// file or several.
    /// </summary>
    private static string Cycles(EntitySchema entity)
    {
        if (SelfReference(entity) is not { } self)
        {
            return "";
        }

        var key = Identifier(entity.Key[0]);
        var parent = Identifier(self.Column);
        var inFile = $"(select {key} from numbered where {key} is not null)";
        return $"""
            , links as (
                select {key} as child, {parent} as parent from numbered where {key} is not null and {parent} is not null
                union
                select (raw_row->>{Literal(entity.Key[0])}), (raw_row->>{Literal(self.Column)}) from staging.pending_rows
                where entity = {Literal(entity.Name)} and (raw_row->>{Literal(self.Column)}) is not null
                    and (raw_row->>{Literal(entity.Key[0])}) not in {inFile}
                union
                select {key}, {parent} from {entity.Table} where {parent} is not null and {key} not in {inFile}
            ), walk(start, node, path) as (
                select child, parent, [child, parent] from links where child in {inFile}
                union all
                select w.start, l.parent, list_append(w.path, l.parent)
                from walk w join links l on l.child = w.node
                where w.node <> w.start and (l.parent = w.start or not list_contains(w.path, l.parent))
            ), cycles as (
                select start, min(array_to_string(path, ' -> ')) as cycle from walk where node = start group by start
            )
            """;
    }

    /// <summary>The hashes h that the rows of a query repeat, each once.</summary>
    internal static string RepeatedIn(string hashes) =>
        $"select distinct h from (select h, lag(h) over (order by h) as previous from ({hashes})) where h = previous";

    private sealed record Rule(string Condition, string Message);

    private static string Messages(IReadOnlyList<Rule> rules) =>
        rules.Count == 0
            ? "''"
            : $"case when {string.Join(" or ", rules.Select(r => $"coalesce({r.Condition}, false)"))} then concat_ws('; ', {string.Join(", ", rules.Select(r => $"case when {r.Condition} then {r.Message} end"))}) else '' end";

    // cleaned (text, null markers applied) -> typed (each canonical column cast, its text kept as raw__name) -> numbered (line_no filled in).
    private static string Chain(EntitySchema entity, StagedSource source, IReadOnlyDictionary<string, string?> sourceOf, ValueFormats formats)
    {
        var zoneJoin = entity.Columns.Any(c => c.Kind == ColumnKind.Timestamp) && sourceOf.GetValueOrDefault("contract_id") is not null
            ? "left join core.contracts zc on zc.contract_id = c.\"contract_id\""
            : null;
        var zone = zoneJoin is null ? Literal(formats.TimeZone) : $"coalesce(zc.time_zone, {Literal(formats.TimeZone)})";
        // A row's own time zone (its file's column, or its source's) says what its local timestamps mean; a zone
        // that is not one is rejected by the entity's check, and must not stop the file here.
        var ownZone = entity.Columns.Any(c => c.Kind == ColumnKind.Timestamp) && entity.Columns.Any(c => c.Name == "time_zone")
            && (sourceOf.GetValueOrDefault("time_zone") is not null || formats.SourceValues.ContainsKey("time_zone"));
        if (ownZone)
        {
            zone = $"coalesce(case when c.\"time_zone\" in (select name from pg_timezone_names()) then c.\"time_zone\" end, {zone})";
        }

        // Text is trimmed; other columns are not, since DuckDB's casts ignore surrounding blanks anyway
        // and trimming ten million values is a good part of a load's time.
        var trimmed = string.Join(",\n        ", entity.Columns.Select(c =>
            sourceOf.GetValueOrDefault(c.Name) is not { } from
                ? c.Kind == ColumnKind.Attributes ? $"{KeptColumns(source, sourceOf)} as {Identifier(c.Name)}"
                : formats.SourceValues.TryGetValue(c.Name, out var shared) ? $"{Literal(shared)} as {Identifier(c.Name)}"
                : $"null::varchar as {Identifier(c.Name)}"
            : c.Kind == ColumnKind.Text ? $"trim(s.{Identifier(from)}) as {Identifier(c.Name)}"
            : $"s.{Identifier(from)} as {Identifier(c.Name)}"));
        var cleaned = string.Join(",\n        ", entity.Columns.Select(c => $"{Cleaned($"x.{Identifier(c.Name)}", formats)} as {Identifier(c.Name)}"));
        var typed = string.Join(",\n        ", entity.Columns.SelectMany(c => new[]
        {
            $"c.{Identifier(c.Name)} as {Identifier("raw__" + c.Name)}",
            $"{Typed(c, $"c.{Identifier(c.Name)}", formats, zone)} as {Identifier(c.Name)}",
        }));
        // A file without line numbers gets them in file order within each order; one that has the column must fill it.
        var numbered = entity.NumberedKey is { } n && sourceOf.GetValueOrDefault(n) is null
            ? $"select * replace (row_number() over (partition by {KeyList(entity, except: n)} order by source_line)::integer as {Identifier(n)}) from typed"
            : "select * from typed";
        return $"""
            with {(SelfReference(entity) is null ? "" : "recursive ")}trimmed as (
                select s.source_line, s.batch_id,
                    {trimmed}
                from {source.View} s
            ), cleaned as (
                select x.source_line, x.batch_id,
                    {cleaned}
                from trimmed x
            ), typed as (
                select c.source_line, c.batch_id,
                    {typed}
                from cleaned c
                {zoneJoin}
            ), numbered as (
                {numbered}
            )
            """;
    }

    /// <summary>
    /// The source columns no canonical column took, as a JSON object (text), or null when there are none:
    /// what an accounts file carries beyond the canonical columns is kept, not dropped.
    /// </summary>
    private static string KeptColumns(StagedSource source, IReadOnlyDictionary<string, string?> sourceOf)
    {
        var kept = ColumnMapping.Unused(source.Columns, sourceOf);
        return kept.Count == 0
            ? "null::varchar"
            : "json_object(" + string.Join(", ", kept.Select(c => $"{Literal(c)}, s.{Identifier(c)}")) + ")::varchar";
    }

    public static string KeyList(EntitySchema entity, string? except = null) =>
        string.Join(", ", entity.Key.Where(k => k != except).Select(Identifier));

    private static string Singular(string entity) => entity.TrimEnd('s').Replace('_', ' ');

    private static string Typed(ColumnSpec column, string v, ValueFormats formats, string zone)
    {
        var expression = column.Kind switch
        {
            ColumnKind.Text => v,
            ColumnKind.WholeNumber => $"try_cast({v} as integer)",
            ColumnKind.Money => $"try_cast({v} as decimal(18,2))",
            ColumnKind.Quantity => $"try_cast({v} as decimal(18,4))",
            ColumnKind.Fraction => $"try_cast({v} as decimal(9,6))",
            ColumnKind.Percent => $"try_cast({v} as decimal(9,4))",
            ColumnKind.Hours => $"try_cast({v} as decimal(9,2))",
            ColumnKind.Time => $"try_cast({v} as time)",
            ColumnKind.Attributes => $"try_cast({v} as json)",
            ColumnKind.YesNo => $"case when lower({v}) in ('true', 't', '1', 'yes', 'y', '是') then true when lower({v}) in ('false', 'f', '0', 'no', 'n', '否') then false end",
            ColumnKind.Date => formats.DateFormat is { } df
                ? $"try_strptime({v}, {Literal(df)})::date"
                : $"coalesce(try_cast({v} as date), try_cast(try_cast({v} as timestamp) as date))",
            ColumnKind.Timestamp => formats.TimestampFormat is { } tf
                ? $"timezone({zone}, try_strptime({v}, {Literal(tf)})::timestamp)"
                : $"case when {StatesOffset($"trim({v})")} then try_cast({v} as timestamptz) else timezone({zone}, try_cast({v} as timestamp)) end",
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Kind, "Unknown column kind."),
        };
        // The default stands in for a missing or blank value only; the blank test runs only where the cast gave nothing.
        return column.Default is { } d ? $"coalesce({expression}, case when {v} is null or trim({v}) = '' then {d} end)" : expression;
    }

    private static string Cleaned(string v, ValueFormats formats) =>
        formats.NullValues is [""] ? $"nullif({v}, '')" : $"case when {v} in ({string.Join(", ", formats.NullValues.Select(Literal))}) then null else {v} end";

    // Whether a timestamp states its own offset ("...16:30:00+08:00", "+0800", "+08", "Z"); others are local
    // times. Looking at a few characters from the end costs a fraction of a regular expression over
    // millions of values; a date and a time take at least 16 characters, so a date's own dashes never count.
    private static string StatesOffset(string v) =>
        $"(length({v}) > 16 and (right({v}, 1) in ('Z', 'z') or substr({v}, -6, 1) in ('+', '-') or substr({v}, -5, 1) in ('+', '-') or substr({v}, -3, 1) in ('+', '-')))";

    private static IEnumerable<Rule> TypeRules(ColumnSpec column)
    {
        var raw = "t." + Identifier("raw__" + column.Name);
        var typed = "t." + Identifier(column.Name);
        // An untrimmed value of blanks only is a missing value, not a bad one; trim runs only on rows whose cast failed.
        var blank = column.Kind == ColumnKind.Text ? $"{raw} is null" : $"(case when {typed} is not null then false when {raw} is null then true else trim({raw}) = '' end)";
        if (column.Required && column.Default is null)
        {
            yield return new Rule(blank, Literal($"missing {column.Name}"));
        }

        if (column.Kind != ColumnKind.Text)
        {
            yield return new Rule($"({typed} is null and not {blank})", $"'{column.Name} is not {Describe(column.Kind)}: ' || {raw}");
        }
    }

    internal static string Describe(ColumnKind kind) => kind switch
    {
        ColumnKind.WholeNumber => "a whole number",
        ColumnKind.Money or ColumnKind.Quantity or ColumnKind.Fraction or ColumnKind.Percent or ColumnKind.Hours => "a number",
        ColumnKind.Date => "a date",
        ColumnKind.Timestamp => "a timestamp",
        ColumnKind.Time => "a time of day",
        ColumnKind.YesNo => "yes or no",
        ColumnKind.Attributes => "JSON",
        _ => "valid",
    };
}
