using Analytics.Tests.Support;

namespace Analytics.Tests.Segmentation;

/// <summary>
/// RFM at 2025-06-30 over the window 2024-07-01 .. 2025-06-30, five active accounts, so each score is the
/// account's position, worst first: recency R5 R4 R3 R2 R1, frequency and value R1 R3 R5 R2 R4.
/// </summary>
public sealed class RfmTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public RfmTests()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nR1,一\nR2,二\nR3,三\nR4,四\nR5,五\nR6,六\n");
        _warehouse.LoadText("orders.csv", """
            order_id,account_id,order_date,amount
            O1,R1,2025-06-30,100.00
            O2,R2,2025-01-15,800.00
            O3,R2,2025-02-15,800.00
            O4,R2,2025-03-15,800.00
            O5,R2,2025-04-15,800.00
            O6,R2,2025-06-20,800.00
            O7,R3,2024-12-31,200.00
            O8,R3,2025-04-30,200.00
            O9,R3,2025-05-31,200.00
            O10,R4,2024-08-31,800.00
            O11,R4,2024-09-30,800.00
            O12,R4,2024-10-31,800.00
            O13,R4,2024-11-30,800.00
            O14,R4,2024-12-31,800.00
            O15,R4,2025-03-31,1000.00
            O16,R5,2024-06-30,10000.00
            O17,R5,2024-07-01,750.00
            O18,R5,2024-07-31,750.00
            O19,R5,2024-08-31,750.00
            O20,R5,2024-09-30,750.00
            O21,R6,2024-06-15,300.00
            """);
        _warehouse.RefreshMarts(("as_of_date", "2025-06-30"));
    }

    public void Dispose() => _warehouse.Dispose();

    [Fact]
    public void Recency_frequency_and_value_in_the_window_score_1_to_5_with_5_best()
    {
        Assert.Equal(
            [
                ("R1", 0L, 1L, 100.00m, 5, 1, 1), ("R2", 10L, 5L, 4000.00m, 4, 4, 4), ("R3", 30L, 3L, 600.00m, 3, 2, 2),
                ("R4", 91L, 6L, 5000.00m, 2, 5, 5), ("R5", 273L, 4L, 3000.00m, 1, 3, 3),
            ],
            _warehouse.Rows("select master_account_id, recency_days, frequency, monetary, r_score, f_score, m_score from marts.account_rfm where frequency > 0 order by 1",
                r => (r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetDecimal(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6))));
    }

    [Fact]
    public void Each_account_gets_the_segment_its_scores_map_to_and_one_with_no_order_in_the_window_is_lost()
    {
        Assert.Equal(
            [("R1", "new"), ("R2", "loyal"), ("R3", "about to sleep"), ("R4", "can't lose them"), ("R5", "at risk"), ("R6", "lost")],
            _warehouse.Rows("select master_account_id, segment from marts.account_rfm order by 1", r => (r.GetString(0), r.GetString(1))));
        Assert.Equal(380L, _warehouse.Scalar<long>("select recency_days from marts.account_rfm where master_account_id = 'R6'"));
    }
}
