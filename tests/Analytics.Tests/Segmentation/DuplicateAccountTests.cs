using Analytics.Tests.Support;

namespace Analytics.Tests.Segmentation;

/// <summary>Duplicate accounts (重复客户) found by tax id and normalised name, merged to one master before any ranking.</summary>
public sealed class DuplicateAccountTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public DuplicateAccountTests()
    {
        _warehouse.LoadText("accounts.csv", """
            account_id,name,tax_id,created_on
            D1,上海浦东发展科技有限公司,,2020-05-01
            D2,上海浦东发展科技有限责任公司,,2019-03-01
            D3,上海浦东发展科技 有限公司。,,
            G1,上海浦东发展科技（集团）有限公司,,2018-01-01
            G2,上海浦东发展科技(集团)有限公司,,2018-01-01
            S1,上海浦东发展科技股份有限公司,,2017-01-01
            T1,北京华信电子有限公司,91110108MA01ABCD2X,2021-01-01
            T2,华信电子（北京）有限公司,9111 0108 ma01 abcd2x,2020-01-01
            E1,"Acme Trading Co., Ltd.",,
            E2,ＡＣＭＥ　TRADING CO LTD,,
            N1,同名贸易有限公司,91310000AAAAAAAA11,
            N2,同名贸易有限公司,91320000BBBBBBBB22,
            N3,同名贸易有限公司,,
            Z1,甲公司,000000000,
            Z2,乙公司,000000000,
            H1,环球物流有限公司,,2022-01-01
            H2,环球物流有限责任公司,91440300HHHHHHHH01,2022-01-01
            H3,Global Logistics Ltd.,91440300-HHHHHHHH01,2022-01-01
            H4,GLOBAL LOGISTICS LTD,,2016-01-01
            X1,小客户,,
            """);
        _warehouse.LoadText("orders.csv", """
            order_id,account_id,order_date,amount
            O1,D1,2025-01-10,100.00
            O2,D2,2025-02-10,200.00
            O3,D3,2025-03-10,300.00
            O4,G1,2025-01-10,250.00
            O5,G2,2025-02-10,250.00
            O6,S1,2025-03-10,550.00
            O7,T1,2025-03-10,10.00
            O8,X1,2025-03-10,100.00
            """);
        _warehouse.RefreshMarts(("as_of_date", "2025-03-31"));
    }

    public void Dispose() => _warehouse.Dispose();

    [Fact]
    public void Three_spellings_of_one_company_and_a_shared_tax_id_each_map_to_the_oldest_account()
    {
        Assert.Equal(
            [
                ("D1", "D2"), ("D2", "D2"), ("D3", "D2"), ("E1", "E1"), ("E2", "E1"), ("G1", "G1"), ("G2", "G1"),
                ("H1", "H4"), ("H2", "H4"), ("H3", "H4"), ("H4", "H4"), ("N1", "N1"), ("N2", "N2"), ("N3", "N3"),
                ("S1", "S1"), ("T1", "T2"), ("T2", "T2"), ("X1", "X1"), ("Z1", "Z1"), ("Z2", "Z2"),
            ],
            _warehouse.Rows("select account_id, master_account_id from marts.account_merge_map order by 1",
                r => (r.GetString(0), r.GetString(1))));
    }

    [Fact]
    public void A_name_shared_by_different_tax_ids_is_listed_but_not_merged()
    {
        // N1 and N2 are two companies (two tax ids); N3, without one, could be either: a person decides.
        Assert.Equal(
            [("N1", "N2", "different tax ids", 0.00m, "apart"), ("N1", "N3", "similar name", 0.80m, "review"), ("N2", "N3", "similar name", 0.80m, "review")],
            _warehouse.Rows("select account_id, other_account_id, rule, score, status from marts.account_duplicates where account_id like 'N%' order by 1, 2",
                r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetDecimal(3), r.GetString(4))));
        Assert.Equal(0, _warehouse.Scalar<long>("select count(*) from marts.account_duplicates where 'Z1' in (account_id, other_account_id)"));
    }

    [Fact]
    public void The_duplicates_count_once_in_the_Pareto_ranking()
    {
        Assert.Equal(
            [(1L, "D2", 600.00m), (2L, "S1", 550.00m), (3L, "G1", 500.00m), (4L, "X1", 100.00m), (5L, "T2", 10.00m)],
            _warehouse.Rows("select rank, master_account_id, value from marts.pareto_curve order by rank",
                r => (r.GetInt64(0), r.GetString(1), r.GetDecimal(2))));
        Assert.Equal(
            ("D2", 1L, "A"),
            _warehouse.Rows("select master_account_id, rank, tier from marts.account_segments where account_id = 'D3'",
                r => (r.GetString(0), r.GetInt64(1), r.GetString(2)))[0]);
    }
}
