using Analytics.Ingest.Loading;
using Analytics.Tests.Support;

namespace Analytics.Tests.Cdnow;

/// <summary>The mapping options CDNOW needed, on small files: "delimiter": "whitespace" and "header": false.</summary>
public sealed class WhitespaceFileTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public WhitespaceFileTests() => _warehouse.LoadText("accounts.csv", "account_id,name\n7,七\n9,九\n");

    public void Dispose() => _warehouse.Dispose();

    private LoadReport LoadOrders(string content, string mapping)
    {
        var mappingPath = _warehouse.Write("orders.mapping.json", mapping);
        var path = _warehouse.Folder.File("report.txt");
        File.WriteAllText(path, content);
        return _warehouse.Load(path, new Ingest.LoadOptions(MappingPath: mappingPath));
    }

    private const string ByPosition = """
        {"entity":"orders","delimiter":"whitespace","header":false,"date_format":"%Y%m%d",
         "columns":{"order_id":"line","account_id":"column1","order_date":"column2","amount":"column4"}}
        """;

    [Fact]
    public void A_line_with_too_few_fields_is_rejected_whole_and_blank_lines_keep_the_numbering()
    {
        var report = LoadOrders(" 7 20240101  3   10.50\r\n\r\n 9 20240102 1\r\n\t9 20240103  2   5.25\r\n", ByPosition);

        Assert.Equal(new BatchCounts(3, 2, 1, 0), report.Counts);
        Assert.Equal([new RejectedRow(3, "unreadable CSV line: 3 fields where 4 are expected")], report.Rejects);
        Assert.Equal(
            [("1", "7", 10.50m), ("4", "9", 5.25m)],
            _warehouse.Rows("select order_id, account_id, amount from core.orders order by order_id", r => (r.GetString(0), r.GetString(1), r.GetDecimal(2))));
    }

    [Fact]
    public void A_header_names_the_columns_of_a_whitespace_file()
    {
        var report = LoadOrders(
            " id   day       qty  dollars\n 7    20240105  1    12.00\n",
            """{"entity":"orders","delimiter":"whitespace","date_format":"%Y%m%d","columns":{"order_id":"line","account_id":"id","order_date":"day","amount":"dollars"}}""");

        Assert.Equal(new BatchCounts(1, 1, 0, 0), report.Counts);
        Assert.Equal(("2", new DateOnly(2024, 1, 5), 12.00m), _warehouse.Rows(
            "select order_id, order_date, amount from core.orders", r => (r.GetString(0), r.GetFieldValue<DateOnly>(1), r.GetDecimal(2))).Single());
    }

    [Fact]
    public void A_comma_file_without_a_header_has_its_columns_named_by_position()
    {
        var report = LoadOrders(
            "O1,7,2024-01-01,5.00\nO2,9,2024-01-02,6.00\n",
            """{"entity":"orders","header":false,"columns":{"order_id":"column1","account_id":"column2","order_date":"column3","amount":"column4"}}""");

        Assert.Equal(new BatchCounts(2, 2, 0, 0), report.Counts);
        Assert.Equal(11.00m, _warehouse.Scalar<decimal>("select sum(amount) from core.orders"));
    }

    [Fact]
    public void A_comma_file_without_a_header_reports_a_bad_line_by_its_own_number()
    {
        var report = LoadOrders(
            "O1,7,2024-01-01,5.00\nO2,9,2024-01-02,6.00,7.00\nO3,9,2024-01-03,6.00\n",
            """{"entity":"orders","header":false,"columns":{"order_id":"column1","account_id":"column2","order_date":"column3","amount":"column4"}}""");

        Assert.Equal(3, report.Counts.Read);
        Assert.Equal(["O1", "O3"], _warehouse.Rows("select order_id from core.orders order by 1", r => r.GetString(0)));
        Assert.Equal(2, Assert.Single(report.Rejects).Line);
    }
}
