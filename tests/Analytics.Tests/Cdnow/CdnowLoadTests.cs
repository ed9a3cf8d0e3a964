using Analytics.Ingest.Loading;
using Analytics.Tests.Support;

namespace Analytics.Tests.Cdnow;

/// <summary>
/// CDNOW's whitespace-separated transaction files through the normal load path: blanks before the first field,
/// several between fields, CRLF line ends, yyyymmdd dates; the sample without a header, the master with one.
/// </summary>
public sealed class CdnowLoadTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    [DatasetFact("cdnow_lifetimes")]
    public void The_sample_loads_all_6919_transactions_of_2357_customers_once_their_accounts_arrive()
    {
        var (orders, accounts) = CdnowFiles.Load(_warehouse, CdnowFiles.Sample, "cdnow-sample.mapping.json");

        Assert.Equal(new BatchCounts(6919, 0, 0, 6919), orders.Counts);
        Assert.Equal(new BatchCounts(2357, 2357, 0, 0), accounts.Counts);
        Assert.Equal(6919, _warehouse.Scalar<long>("select count(*) from core.orders"));
        Assert.Equal(0, _warehouse.Scalar<long>("select count(*) from staging.pending_rows"));
        Assert.Equal(6919, _warehouse.Scalar<long>("select rows_loaded from meta.load_batches where file_name = 'CDNOW_sample.txt'"));
        Assert.Equal(244091.94m, _warehouse.Scalar<decimal>("select sum(amount) from core.orders"));
    }

    [DatasetFact("cdnow_lifetimes")]
    public void A_sample_line_becomes_an_order_keyed_by_its_line_with_its_day_and_amount()
    {
        CdnowFiles.Load(_warehouse, CdnowFiles.Sample, "cdnow-sample.mapping.json");

        // Line 5 of the file: " 00021 0002 19970101  3   63.34".
        var order = _warehouse.Rows(
            "select account_id, order_date, amount from core.orders where order_id = '5'",
            r => (r.GetString(0), r.GetFieldValue<DateOnly>(1), r.GetDecimal(2))).Single();

        Assert.Equal(("0002", new DateOnly(1997, 1, 1), 63.34m), order);
    }

    [DatasetFact("cdnow_lifetimes")]
    public void The_master_file_with_its_header_loads_all_69659_transactions_of_23570_customers()
    {
        var (orders, accounts) = CdnowFiles.Load(_warehouse, CdnowFiles.Master, "cdnow-master.mapping.json");

        Assert.Equal(new BatchCounts(69659, 0, 0, 69659), orders.Counts);
        Assert.Equal(new BatchCounts(23570, 23570, 0, 0), accounts.Counts);
        Assert.Equal(69659, _warehouse.Scalar<long>("select count(*) from core.orders"));
        Assert.Equal(2500315.63m, _warehouse.Scalar<decimal>("select sum(amount) from core.orders"));

        // The header is line 1, so the first transaction is line 2.
        Assert.Equal("00001", _warehouse.Scalar<string>("select account_id from core.orders where order_id = '2'"));
    }
}
