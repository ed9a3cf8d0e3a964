using Analytics.Ingest.Loading;
using Analytics.Tests.Support;

namespace Analytics.Tests.Loading;

/// <summary>Files with nothing in them: a header alone loads as zero rows; an empty file fails with a reason.</summary>
public sealed class EmptyFileTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    [Fact]
    public void A_header_alone_loads_as_zero_rows()
    {
        var report = _warehouse.LoadText("accounts.csv", "account_id,name,region\n");

        Assert.Equal(LoadStatus.Loaded, report.Status);
        Assert.Equal(new BatchCounts(0, 0, 0, 0), report.Counts);
        Assert.Equal(0, _warehouse.Scalar<long>("select count(*) from core.accounts"));
    }

    [Fact]
    public void An_empty_file_fails_with_a_reason_and_changes_nothing()
    {
        var report = _warehouse.LoadText("accounts.csv", "");

        Assert.Equal(LoadStatus.Failed, report.Status);
        Assert.Equal("The file is empty: not even a header.", report.Error);
        Assert.Equal("failed", _warehouse.Scalar<string>("select status from meta.load_batches where batch_id = $1", report.BatchId));
        Assert.Equal(0, _warehouse.Scalar<long>("select count(*) from core.accounts"));
    }
}
