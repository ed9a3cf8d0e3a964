using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Tests.RowMapping;

/// <summary>Rows are read by column name (RowReader): the order of a select's columns does not matter, a missing one is named.</summary>
public sealed class RowMappingTests : IDisposable
{
    private readonly DuckDBConnection _connection = new("DataSource=:memory:");

    public RowMappingTests() => _connection.Open();

    public void Dispose() => _connection.Dispose();

    private sealed record Row(
        string AccountId, int Orders, long Total, decimal Revenue, double Share, bool Active, DateOnly FirstOrder,
        DateTimeOffset SeenAt, IReadOnlyList<string>? Regions, string Metrics, DateOnly? CancelBy, decimal? Predicted, string? Note);

    private static Row Read(System.Data.Common.DbDataReader r) => new(
        r.Get<string>("account_id"), r.Get<int>("orders"), r.Get<long>("total"), r.Get<decimal>("revenue"), r.Get<double>("share"),
        r.Get<bool>("active"), r.Get<DateOnly>("first_order"), r.Get<DateTimeOffset>("seen_at"), r.GetOrNull<List<string>>("regions"),
        r.Get<string>("metrics"), r.Get<DateOnly?>("cancel_by"), r.Get<decimal?>("predicted"), r.GetOrNull<string>("note"));

    private static readonly string[] Columns =
    [
        "'A1' as account_id", "count(*) as orders", "sum(7)::hugeint as total", "12.50::decimal(18,2) as revenue",
        "0.25::double as share", "true as active", "date '2024-01-31' as first_order",
        "timestamptz '2024-02-01 10:00:00+00' as seen_at", "['North', 'East']::varchar[] as regions",
        "'{\"auc\": 0.8}'::json as metrics", "null::date as cancel_by", "null::decimal(18,2) as predicted", "null::varchar as note",
    ];

    private static readonly Row Expected = new(
        "A1", 1, 7, 12.50m, 0.25, true, new DateOnly(2024, 1, 31), new DateTimeOffset(2024, 2, 1, 10, 0, 0, TimeSpan.Zero),
        null, "{\"auc\": 0.8}", null, null, null);

    [Fact]
    public void A_record_reads_the_same_whatever_order_the_select_lists_its_columns_in()
    {
        var inOrder = _connection.Rows($"select {string.Join(", ", Columns)}", Read).Single();
        var reversed = _connection.Rows($"select {string.Join(", ", Columns.Reverse())}", Read).Single();
        var withMore = _connection.Rows($"select 'x' as extra, {string.Join(", ", Columns.Reverse())}, 42 as another", Read).Single();

        foreach (var row in new[] { inOrder, reversed, withMore })
        {
            Assert.Equal(Expected with { Regions = row.Regions }, row);
            Assert.Equal(["North", "East"], row.Regions);
            Assert.Equal(TimeSpan.Zero, row.SeenAt.Offset);
        }
    }

    [Fact]
    public void A_missing_column_fails_naming_it()
    {
        var select = $"select {string.Join(", ", Columns.Where(c => !c.EndsWith(" as revenue", StringComparison.Ordinal)))}";

        var error = Assert.Throws<InvalidOperationException>(() => _connection.Rows(select, Read));

        Assert.Contains("'revenue'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_in_a_column_read_as_not_null_fails_naming_it()
    {
        var error = Assert.Throws<InvalidCastException>(() => _connection.Rows("select null::varchar as name", r => r.Get<string>("name")));

        Assert.Contains("'name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_another_type_fails_naming_its_column()
    {
        var error = Assert.Throws<InvalidCastException>(() => _connection.Rows("select 5000000000::bigint as orders", r => r.Get<int>("orders")));

        Assert.Contains("'orders'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_columns_of_one_name_fail_since_the_second_could_never_be_read()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            _connection.Rows("select 1 as recency_days, 2 as recency_days", r => r.Get<int>("recency_days")));

        Assert.Contains("'recency_days'", error.Message, StringComparison.Ordinal);
    }
}
