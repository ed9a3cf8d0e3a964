using Analytics.Tests.Support;

namespace Analytics.Tests.Segmentation;

/// <summary>Lifecycle stages (客户关系生命周期) month by month on one crafted account.</summary>
public sealed class LifecycleTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    /// <summary>
    /// L1 orders on the 15th of every month from 2023-01 to 2025-03, then never again. With the defaults
    /// (exploration 6 months, stability from 24, the last 3 months against the 6 before at half the rate,
    /// churn after 180 days): exploration to 2023-06; formation to 2024-12; stability 2025-01 to 2025-04
    /// (in 2025-04 the last three months hold 2 orders, 0.67 a month against 1 a month before); decline
    /// from 2025-05 (1 order in three months); churned from 2025-09-11, 180 days after 2025-03-15.
    /// </summary>
    [Fact]
    public void A_steady_account_explores_forms_stabilises_declines_and_churns()
    {
        var months = Enumerable.Range(0, 27).Select(i => new DateOnly(2023, 1, 15).AddMonths(i)).ToList();
        _warehouse.LoadText("accounts.csv", "account_id,name\nL1,长期客户\n");
        _warehouse.LoadText("orders.csv", "order_id,account_id,order_date,amount\n"
            + string.Concat(months.Select((d, i) => $"O{i},L1,{d:yyyy-MM-dd},100.00\n")));

        _warehouse.RefreshMarts(("as_of_date", "2025-12-31"), ("history.months", "36"));

        var expected = Enumerable.Repeat("exploration", 6)
            .Concat(Enumerable.Repeat("formation", 18))
            .Concat(Enumerable.Repeat("stability", 4))
            .Concat(Enumerable.Repeat("decline", 4))
            .Concat(Enumerable.Repeat("churned", 4))
            .Select((stage, i) => (new DateOnly(2023, 1, 1).AddMonths(i), stage));
        Assert.Equal(
            expected,
            _warehouse.Rows("select month, lifecycle_stage from marts.account_segment_history where master_account_id = 'L1' order by month",
                r => (r.GetFieldValue<DateOnly>(0), r.GetString(1))));
        Assert.Equal("churned", _warehouse.Scalar<string>("select lifecycle_stage from marts.account_segments where account_id = 'L1'"));
    }

    /// <summary>
    /// "客户生命周期:指从一个客户开始对企业进行了解或企业准备对某一客户进行开发开始…" (the seed's textbook notes): the
    /// relationship starts before the first order an export happens to hold. Four accounts order on the 15th of each
    /// month from January to June 2025, as of 30 June 2025. OLD was created in March 2020: 58 months in January,
    /// stability (稳定期) throughout. RECENT was created 20 November 2024: tenure 2 in January, so exploration (考察期)
    /// to April (tenure 5) and formation (形成期) from May (tenure 6). NONE has no created_on and LATE a created_on
    /// after its first order: both count from January 2025 and explore all six months.
    /// </summary>
    [Fact]
    public void The_stage_counts_from_created_on_when_the_export_gives_it()
    {
        string[] ids = ["OLD", "RECENT", "NONE", "LATE"];
        _warehouse.LoadText("accounts.csv", "account_id,name,created_on\nOLD,老客户,2020-03-10\nRECENT,新客户,2024-11-20\nNONE,无日期,\nLATE,后建档,2025-03-01\n");
        _warehouse.LoadText("orders.csv", "order_id,account_id,order_date,amount\n"
            + string.Concat(ids.SelectMany(id => Enumerable.Range(1, 6).Select(m => $"{id}{m},{id},2025-{m:00}-15,100.00\n"))));

        _warehouse.RefreshMarts(("as_of_date", "2025-06-30"));

        string Stages(string id) => string.Join(" ", _warehouse.Rows(
            "select lifecycle_stage from marts.account_segment_history where master_account_id = $1 order by month", r => r.GetString(0), id));
        Assert.Equal(string.Join(" ", Enumerable.Repeat("stability", 6)), Stages("OLD"));
        Assert.Equal("exploration exploration exploration exploration formation formation", Stages("RECENT"));
        Assert.Equal(string.Join(" ", Enumerable.Repeat("exploration", 6)), Stages("NONE"));
        Assert.Equal(string.Join(" ", Enumerable.Repeat("exploration", 6)), Stages("LATE"));
    }

    [Fact]
    public void The_thresholds_are_settings()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nL1,新客户\n");
        _warehouse.LoadText("orders.csv", "order_id,account_id,order_date,amount\nO1,L1,2025-01-15,100.00\nO2,L1,2025-03-15,100.00\n");

        _warehouse.RefreshMarts(("as_of_date", "2025-04-30"), ("lifecycle.exploration_months", "2"), ("lifecycle.stability_months", "3"));

        Assert.Equal(
            [(new DateOnly(2025, 1, 1), "exploration"), (new DateOnly(2025, 2, 1), "exploration"), (new DateOnly(2025, 3, 1), "formation"), (new DateOnly(2025, 4, 1), "stability")],
            _warehouse.Rows("select month, lifecycle_stage from marts.account_segment_history order by month",
                r => (r.GetFieldValue<DateOnly>(0), r.GetString(1))));
    }
}
