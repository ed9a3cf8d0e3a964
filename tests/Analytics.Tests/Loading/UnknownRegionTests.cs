using Analytics.Ingest.Demo;
using Analytics.Ingest.Loading;
using Analytics.Tests.Support;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;

namespace Analytics.Tests.Loading;

/// <summary>
/// An accounts row whose region is not one of the company's (火星, Mars) would be seen by no regional key and managed
/// by nobody: when the company lists its regions (setting company.regions) it is rejected with a reason naming them;
/// with no list (public datasets' state codes) regions load as written.
/// </summary>
public sealed class UnknownRegionTests : IDisposable
{
    private const string Accounts = "account_id,name,region\nA1,甲方机械有限公司,华东\nA2,乙方火箭有限公司,火星\nA3,丙方电子有限公司,\nA4,丁方化工有限公司, 华北 \n";

    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    private void SetRegions(string value)
    {
        using var connection = _warehouse.Connect();
        MartSettings.Set(connection, "company.regions", value);
    }

    private List<string> Loaded() => _warehouse.Rows("select account_id || ':' || coalesce(region, '') from core.accounts order by 1", r => r.GetString(0));

    [Fact]
    public void A_region_outside_the_companys_list_is_rejected_naming_the_known_ones()
    {
        SetRegions("华东, 华北");

        var report = _warehouse.LoadText("accounts.csv", Accounts);

        Assert.Equal(new BatchCounts(4, 3, 1, 0), report.Counts);
        var reject = Assert.Single(report.Rejects);
        Assert.Equal(new RejectedRow(3, "region 火星 is not one of the company's regions (华东, 华北; setting company.regions)"), reject);
        Assert.Equal(["A1:华东", "A3:", "A4:华北"], Loaded());
    }

    [Fact]
    public void With_no_list_a_region_loads_as_written()
    {
        var report = _warehouse.LoadText("accounts.csv", Accounts);

        Assert.Equal(new BatchCounts(4, 4, 0, 0), report.Counts);
        Assert.Equal(["A1:华东", "A2:火星", "A3:", "A4:华北"], Loaded());
    }

    [Fact]
    public void The_demo_companys_regions_are_the_seven_of_its_cities()
    {
        Assert.Equal(["东北", "华东", "华中", "华北", "华南", "西北", "西南"], DemoCompany.Regions.Order(StringComparer.Ordinal));
    }
}
