using System.Text.Json;
using Analytics.ReportApi.Access;
using Analytics.Tests.OData;
using Analytics.Tests.Support;

namespace Analytics.Tests.Security;

/// <summary>
/// A region-limited reader's churn rates are the mart's own rule over its companies, under every meaning of churn
/// (the reader's version is marts.churn_rates' SQL with the reader's scope: Reports/scoped_churn_rates.sql). Under
/// churn.definition = contract a company under contract is at risk though it never ordered (DOMAIN.md: churn by
/// contract), which a copy of the rule once left out. As of 2025-12-31, the 12 months to as_of (before month 2024-12):
///   华东 E1 contract 2024 not renewed (churns 2025-01-01), E2 contract 2024-2026: at risk 2, churned 1
///   华北 N1 contract 2024 not renewed, N2 contract 2024 not renewed, N3 contract from 2026 (not yet at risk):
///   at risk 2, churned 2.
/// No company ever ordered.
/// </summary>
public sealed class RegionalChurnRateTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();
    private readonly ODataHost _host;

    public RegionalChurnRateTests()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name,region\nE1,东一,华东\nE2,东二,华东\nN1,北一,华北\nN2,北二,华北\nN3,北三,华北\n");
        _warehouse.LoadText("contracts.csv", """
            contract_id,account_id,start_date,end_date,auto_renew,notice_days,renewal_months
            K1,E1,2024-01-01,2024-12-31,false,30,12
            K2,E2,2024-01-01,2026-12-31,false,30,12
            K3,N1,2024-01-01,2024-12-31,false,30,12
            K4,N2,2024-03-01,2024-12-31,false,30,12
            K5,N3,2026-01-01,2026-12-31,false,30,12
            """);
        _warehouse.RefreshMarts(("as_of_date", "2025-12-31"), ("churn.definition", "contract"), ("churn.rate_months", "12"));
        _host = new ODataHost(_warehouse.Database, pageSize: 1000);
    }

    public void Dispose()
    {
        _host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _warehouse.Dispose();
    }

    [Theory]
    [InlineData("华东", 2L, 1L)]
    [InlineData("华北", 2L, 2L)]
    public async Task A_regional_key_reads_the_marts_own_figures_for_its_region_under_contract_churn(string region, long atRisk, long churned)
    {
        const string Year = "$filter=PeriodStart eq 2025-01-01 and PeriodEnd eq 2025-12-31";
        var whole = await _host.All($"/odata/ChurnRates?{Year} and Dimension eq 'region' and GroupValue eq '{region}'");
        var own = await _host.All($"/odata/ChurnRates?{Year} and Dimension eq 'all'", (Roles.Manager, region));

        Assert.Equal((atRisk, churned), Figures(Assert.Single(whole)));
        Assert.Equal((atRisk, churned), Figures(Assert.Single(own)));
    }

    private static (long AtRisk, long Churned) Figures(JsonElement row) =>
        (row.GetProperty("AccountsAtRisk").GetInt64(), row.GetProperty("Churned").GetInt64());
}
