using Analytics.Ingest;
using Analytics.Tests.Support;

namespace Analytics.Tests.Segmentation;

/// <summary>The 80/20 headline on the real Northwind export, loaded through its mapping files.</summary>
public sealed class NorthwindParetoTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    /// <summary>
    /// Computed by hand from the CSVs (quantity x unitPrice x (1 - discount) per customer): 89 of the 91
    /// customers ordered, net sales 1,265,793.0395. The top 20% is ceil(0.2 x 89) = 18 customers, QUICK to
    /// BOTTM, with 760,197.9415: a share of 0.600570. 34 customers make the first 80% (tier A).
    /// </summary>
    [DatasetFact("northwind")]
    public void The_top_20_percent_of_customers_bring_60_percent_of_all_time_net_sales()
    {
        foreach (var (file, mapping) in new[] { ("customers.csv", "customers"), ("products.csv", "products"), ("orders.csv", "orders"), ("order-details.csv", "order-details") })
        {
            _warehouse.Load(Path.Combine(TestPaths.Dataset("northwind"), file),
                new LoadOptions(MappingPath: Path.Combine(AppContext.BaseDirectory, "Northwind", $"{mapping}.mapping.json")));
        }

        _warehouse.RefreshMarts(("pareto.window_months", "1000"));

        var (ranked, top, topValue, total, share, tierA) = _warehouse.Rows(
            "select ranked_accounts, top_accounts, round(top_value, 4), round(total_value, 2), top_value_share, tier_a_accounts from marts.pareto_headline",
            r => (r.GetInt64(0), r.GetInt64(1), r.GetDecimal(2), r.GetDecimal(3), r.GetDouble(4), r.GetInt64(5)))[0];
        Assert.Equal((89L, 18L, 760_197.9415m, 1_265_793.04m, 34L), (ranked, top, topValue, total, tierA));
        Assert.Equal(0.6006, Math.Round(share, 4));
        Assert.Equal(new DateOnly(1998, 5, 6), _warehouse.Scalar<DateOnly>("select window_end from marts.account_tiers limit 1"));
        Assert.Equal("BOTTM", _warehouse.Scalar<string>("select master_account_id from marts.pareto_curve where rank = 18"));
    }
}
