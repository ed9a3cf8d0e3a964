using Analytics.Ingest;
using Analytics.Ingest.Loading;
using Analytics.Tests.Support;

namespace Analytics.Tests.Loading;

/// <summary>
/// Nothing of an export is dropped without a word: every column no canonical column takes is named by the load,
/// and an accounts file keeps them as the account's attributes (a JSON object of column -> text).
/// </summary>
public sealed class ColumnsNotTakenTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    [Fact]
    public void An_accounts_file_keeps_its_other_columns_as_attributes_and_says_so()
    {
        // A subscription export as a telecom sends it: two columns the canonical accounts do not have.
        var report = _warehouse.LoadText("accounts.csv",
            "account_id,name,Contract,Churn,region\nT1,甲公司,Month-to-month,Yes,华东\nT2,乙公司,Two year,,华北\n");

        Assert.Equal(new BatchCounts(2, 2, 0, 0), report.Counts);
        Assert.Equal(["Contract", "Churn"], report.Columns.KeptAsAttributes);
        Assert.Empty(report.Columns.Ignored);
        Assert.EndsWith("; kept as attributes: Contract, Churn", report.Summary(), StringComparison.Ordinal);
        Assert.Contains("\"columns_kept_as_attributes\":[\"Contract\",\"Churn\"]", report.ToJson(), StringComparison.Ordinal);
        Assert.Equal(
            [("T1", "Month-to-month", "Yes"), ("T2", "Two year", null)],
            _warehouse.Rows("select account_id, attributes->>'Contract', attributes->>'Churn' from core.accounts order by account_id",
                r => (r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2))));
    }

    [Fact]
    public void A_mapped_column_is_not_kept_twice_and_a_file_with_nothing_more_keeps_no_attributes()
    {
        var mapping = _warehouse.Write("crm.mapping.json", """{"entity":"accounts","columns":{"account_id":"Id","name":"Company"}}""");
        var mapped = _warehouse.LoadText("crm.csv", "Id,Company,Segment\nK1,丙公司,SMB\n", new LoadOptions(MappingPath: mapping));
        var plain = _warehouse.LoadText("accounts.csv", "account_id,name\nK2,丁公司\n");

        Assert.Equal(["Segment"], mapped.Columns.KeptAsAttributes);
        Assert.Empty(plain.Columns.KeptAsAttributes);
        Assert.Equal(
            [("K1", """{"Segment":"SMB"}"""), ("K2", null)],
            _warehouse.Rows("select account_id, attributes::varchar from core.accounts order by account_id",
                r => (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1))));
    }

    [Fact]
    public void Another_entity_names_the_columns_it_ignored_in_its_summary_and_json()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nK1,甲公司\n");

        var report = _warehouse.LoadText("orders.csv", "order_id,account_id,order_date,amount,Salesperson,Memo\nO1,K1,2025-01-02,10.00,王五,急\n");

        Assert.Equal(new BatchCounts(1, 1, 0, 0), report.Counts);
        Assert.Equal(["Salesperson", "Memo"], report.Columns.Ignored);
        Assert.EndsWith("; columns ignored: Salesperson, Memo", report.Summary(), StringComparison.Ordinal);
        Assert.Contains("\"columns_ignored\":[\"Salesperson\",\"Memo\"]", report.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_attributes_column_that_is_not_a_JSON_object_is_rejected_with_its_line()
    {
        var report = _warehouse.LoadText("accounts.csv", "account_id,name,attributes\nK1,甲公司,\"{\"\"a\"\":\"\"1\"\"}\"\nK2,乙公司,[1]\nK3,丙公司,{oops\n");

        Assert.Equal(new BatchCounts(3, 1, 2, 0), report.Counts);
        Assert.Equal(
            [(3L, "attributes is not a JSON object"), (4L, "attributes is not JSON: {oops")],
            report.Rejects.Select(r => (r.Line ?? 0, r.Reason)).ToList());
    }
}
