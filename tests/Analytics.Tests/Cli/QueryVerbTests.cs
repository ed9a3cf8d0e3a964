using Analytics.ReportApi.Cli;
using Analytics.Tests.Support;
using Analytics.Warehouse;

namespace Analytics.Tests.Cli;

/// <summary><c>analytics query</c>: one statement, as DuckDB's own parser counts them, and nested values as DuckDB writes them.</summary>
public sealed class QueryVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public QueryVerbTests() => WarehouseDatabase.Open(_folder.File("w.duckdb")).Dispose();

    public void Dispose() => _folder.Dispose();

    private async Task<(int Exit, string Stdout, string Stderr)> Query(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(["query", .. args, "--db", _folder.File("w.duckdb")], stdout, stderr);
        return (exit, stdout.ToString().ReplaceLineEndings("\n").Trim(), stderr.ToString().Trim());
    }

    [Fact]
    public async Task More_than_one_statement_is_refused_before_any_runs()
    {
        var result = await Query("select 1; COPY (select 42) TO 'out.csv'");

        Assert.Equal((2, "", "'query' runs one SQL statement and this text holds 2; run them one at a time."), result);
        Assert.False(File.Exists(_folder.File("out.csv")));
    }

    [Fact]
    public async Task A_semicolon_inside_a_string_or_at_the_end_is_not_a_second_statement()
    {
        Assert.Equal((0, "x\n;", ""), await Query("select ';' as x"));
        Assert.Equal((0, "n\n1", ""), await Query("select 1 as n;"));
    }

    [Fact]
    public async Task No_statement_at_all_is_bad_usage()
    {
        Assert.Equal((2, "", "'query' runs one SQL statement and this text holds none."), await Query("  -- only a comment"));
    }

    private const string Nested =
        "select ['a', 'b c', null] as l, [1, 2]::integer[] as i, {'x': 1, 'y': 'q'} as s, map {'k': [1, null]} as m, ['a,b', 'it''s'] as q, [] :: varchar[] as e";

    [Fact]
    public async Task Lists_structs_and_maps_print_as_duckdb_writes_them_in_csv()
    {
        Assert.Equal(
            "l,i,s,m,q,e\n\"[a, b c, NULL]\",\"[1, 2]\",\"{'x': 1, 'y': q}\",\"{k=[1, NULL]}\",\"['a,b', 'it\\'s']\",[]",
            (await Query(Nested)).Stdout);
    }

    [Fact]
    public async Task Lists_structs_and_maps_are_json_arrays_and_objects_in_json()
    {
        Assert.Equal(
            """[{"l":["a","b c",null],"i":[1,2],"s":{"x":1,"y":"q"},"m":{"k":[1,null]},"q":["a,b","it's"],"e":[]}]""",
            (await Query(Nested, "--format", "json")).Stdout);
    }

    /// <summary>
    /// Property: for each nested value, the CSV field equals DuckDB's own cast of it to text (the column beside it):
    /// the quoting of awkward strings, NULLs, numbers, dates and nesting all as DuckDB has them.
    /// </summary>
    [Theory]
    [InlineData("['a', 'b c', null, 'a,b', 'it''s', '', 'NULL', 'null', ' x', 'x ', '[y]', '{z}', 'q\"r', 'a:b', 'a=b', '(x)', 'a\\b', 'é 中', 'a;b']")]
    [InlineData("{'x': 1, 'y': 'q', 'z': null, 'w w': 'a,b', 'it''s': 'x'}")]
    [InlineData("map {'a,b': 'c d', 'x': 'y,z', '': ' q', 'n': 'NULL', ' k': 'v '}")]
    [InlineData("[[1, null], null, []]")]
    [InlineData("[{'a': [1, 2], 'b': {'c': 'd e'}}, null]")]
    [InlineData("[1.50::decimal(18,2), null, -0.05]")]
    [InlineData("[1.5::double, 0.1, 1.0, -0.0, 1e20, 1e15, 123456789.0, 1e-7, 0.0001, 2.5e16, 12345678901234567.0]")]
    [InlineData("[1.5::float, 1.0::float]")]
    [InlineData("[date '2024-01-02', null]")]
    [InlineData("[timestamp '2024-01-02 03:04:05.5', timestamp '2024-01-02 00:00:00']")]
    [InlineData("[true, false, null]")]
    [InlineData("['x', 'y']::varchar[2]")]
    [InlineData("map {1: [' x', null]}")]
    [InlineData("[1::bigint, -2]")]
    public async Task A_nested_value_prints_as_duckdb_casts_it_to_text(string expression)
    {
        var result = await Query($"select {expression} as value, ({expression})::varchar as text", "--format", "csv");

        Assert.Equal(0, result.Exit);
        var row = result.Stdout.Split('\n', 2)[1];
        // Both fields went through the same CSV quoting, so the row is one field written twice.
        Assert.True(row.Length % 2 == 1 && row[row.Length / 2] == ',', row);
        Assert.Equal(row[(row.Length / 2 + 1)..], row[..(row.Length / 2)]);
    }
}
