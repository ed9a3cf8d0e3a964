using Analytics.Ingest;
using Analytics.Ingest.Loading;
using Analytics.Tests.Support;
using Analytics.Warehouse.Marts;

namespace Analytics.Tests.Loading;

/// <summary>
/// The real Northwind export (shared/datasets/northwind), loaded through mapping files: NULL strings,
/// '1996-07-04 00:00:00.000' timestamps, and addresses with unquoted commas in 24 customers and 176 orders.
/// </summary>
public sealed class NorthwindLoadTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    private LoadReport Load(string file, string mapping) =>
        _warehouse.Load(Path.Combine(TestPaths.Dataset("northwind"), file),
            new LoadOptions(MappingPath: Path.Combine(AppContext.BaseDirectory, "Northwind", mapping)));

    private List<LoadReport> LoadAll() =>
    [
        Load("customers.csv", "customers.mapping.json"),
        Load("products.csv", "products.mapping.json"),
        Load("orders.csv", "orders.mapping.json"),
        Load("order-details.csv", "order-details.mapping.json"),
    ];

    [DatasetFact("northwind")]
    public void Every_row_of_the_four_files_loads_with_no_rejects()
    {
        var reports = LoadAll();

        Assert.Equal(
            [new BatchCounts(91, 91, 0, 0), new BatchCounts(77, 77, 0, 0), new BatchCounts(830, 830, 0, 0), new BatchCounts(2155, 2155, 0, 0)],
            reports.Select(r => r.Counts));
        Assert.Equal(0, _warehouse.Scalar<long>("select count(*) from meta.rejects"));
    }

    [DatasetFact("northwind")]
    public void NULL_strings_become_nulls_and_timestamps_become_dates()
    {
        LoadAll();

        Assert.Equal(60, _warehouse.Scalar<long>("select count(*) from core.accounts where region is null"));
        Assert.Equal(new DateOnly(1996, 7, 4), _warehouse.Scalar<DateOnly>("select order_date from core.orders where order_id = '10248'"));
    }

    /// <summary>
    /// requiredDate is the day the customer wants the goods (Northwind's schema: the delivery date asked for), not a
    /// payment term: read as due_date it made 758 of 830 orders "overdue" with 296k of late fees. The export has no
    /// invoice or payment dates, so no Northwind order is an invoice at all.
    /// </summary>
    [DatasetFact("northwind")]
    public void RequiredDate_is_a_delivery_date_so_no_order_is_an_invoice_and_none_is_overdue()
    {
        LoadAll();
        _warehouse.RefreshMarts();

        Assert.Equal(0, _warehouse.Scalar<long>("select count(*) from core.orders where due_date is not null or invoice_date is not null"));
        Assert.Equal(0, _warehouse.Scalar<long>("select count(*) from marts.invoice_payments"));
    }

    [DatasetFact("northwind")]
    public void Addresses_with_unquoted_commas_do_not_shift_the_columns_after_them()
    {
        LoadAll();

        Assert.Equal(
            ("Blondesddsl père et fils", "Strasbourg", "Frédérique Citeaux", "88.60.15.31"),
            _warehouse.Rows("select name, city, contact_name, contact_phone from core.accounts where account_id = 'BLONP'",
                r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)))[0]);
    }

    [DatasetFact("northwind")]
    public void Net_sales_come_to_the_known_1_265_793_04_and_QUICK_is_the_top_customer()
    {
        LoadAll();
        _warehouse.RefreshMarts();

        Assert.Equal(1_265_793.04m, _warehouse.Scalar<decimal>("select round(sum(net_amount), 2) from marts.orders"));
        Assert.Equal(1_265_793.04m, _warehouse.Scalar<decimal>("select round(sum(net_amount), 2) from marts.order_lines"));
        Assert.Equal(
            ("QUICK", 110_277.31m),
            _warehouse.Rows("select account_id, round(sum(net_amount), 2) from marts.orders group by 1 order by 2 desc limit 1",
                r => (r.GetString(0), r.GetDecimal(1)))[0]);
    }

    [DatasetFact("northwind")]
    public void Loading_the_same_export_again_is_reported_duplicate_for_every_file()
    {
        LoadAll();

        var again = LoadAll();

        Assert.All(again, r => Assert.Equal(LoadStatus.Duplicate, r.Status));
        Assert.Equal(4, _warehouse.Database.DataVersion());
    }
}
