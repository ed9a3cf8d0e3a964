using Analytics.Tests.Support;

namespace Analytics.Tests.Contracts;

/// <summary>
/// Contracts around their renewals, as of 30 June 2025. Notice is given within 30 days after a term ends
/// (到期后30日内): a term ending 30 June can be stopped until 30 July.
/// </summary>
public sealed class ContractStatusTests : IClassFixture<ContractStatusTests.RenewalBook>
{
    private readonly RenewalBook _book;

    public ContractStatusTests(RenewalBook book) => _book = book;

    public sealed class RenewalBook : IDisposable
    {
        public TestWarehouse Warehouse { get; } = ContractBook.Open("2025-06-30", [("contracts.csv", """
            contract_id,account_id,start_date,end_date,auto_renew,notice_days,renewal_months,terminated_on
            TWICE,A1,2022-07-01,2023-06-30,true,,,
            NOTICE,A1,2024-06-16,2025-06-15,true,30,,
            LASTDAY,A1,2024-06-01,2025-05-31,true,,,
            MISSED,A1,2024-05-31,2025-05-30,true,,,
            TERMINATED,A1,2023-01-01,2023-12-31,true,,,2025-03-31
            STOPPING,A1,2024-08-01,2025-07-31,true,,,2025-07-20
            FIXED,A2,2023-07-01,2024-12-31,false,,,
            FORTYFIVE,A2,2024-08-15,2025-08-14,false,,,
            LATER,A2,2025-09-01,2026-08-31,true,,,
            SIX,A3,2024-01-01,2024-03-31,true,10,6,
            LEAP,A3,2019-03-01,2020-02-29,true,,12,
            """)]);

        public void Dispose() => Warehouse.Dispose();
    }

    private sealed record Status(
        string Name, long Renewals, DateOnly? CurrentTermEnd, DateOnly? CancelBy, long? DaysToCancelBy,
        string? NextEvent, DateOnly? NextEventOn, long? DaysToNextEvent, long? DueWithinDays);

    private sealed record Term(long TermNo, DateOnly Start, DateOnly End, DateOnly LastDay, string Renewal, DateOnly? CancelBy, bool IsLatest);

    private Status StatusOf(string contractId) => _book.Warehouse.Rows(
        """
        select status, renewals, current_term_end, cancel_by, days_to_cancel_by,
            next_event, next_event_on, days_to_next_event, due_within_days
        from marts.contract_status where contract_id = $1
        """,
        r => new Status(r.GetString(0), r.GetInt64(1), r.Date(2), r.Date(3), r.Whole(4), r.Text(5), r.Date(6), r.Whole(7), r.Whole(8)),
        contractId).Single();

    private List<Term> TermsOf(string contractId) => _book.Warehouse.Rows(
        "select term_no, term_start, term_end, last_day, renewal, cancel_by, is_latest from marts.contract_terms where contract_id = $1 order by term_no",
        r => new Term(r.GetInt64(0), r.Date(1)!.Value, r.Date(2)!.Value, r.Date(3)!.Value, r.GetString(4), r.Date(5), r.GetBoolean(6)),
        contractId);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void A_contract_that_auto_renewed_twice_is_in_its_third_term_and_can_be_stopped_until_thirty_days_after_it_ends()
    {
        Assert.Equal(new Status("auto_renewed", 2, D(2025, 6, 30), D(2025, 7, 30), 30, "auto_renewal", D(2025, 6, 30), 0, 30), StatusOf("TWICE"));
    }

    [Fact]
    public void The_renewal_history_has_one_row_per_term_each_starting_the_day_after_the_last_ended()
    {
        Assert.Equal(
            [
                new Term(1, D(2022, 7, 1), D(2023, 6, 30), D(2023, 6, 30), "original", D(2023, 7, 30), false),
                new Term(2, D(2023, 7, 1), D(2024, 6, 30), D(2024, 6, 30), "automatic", D(2024, 7, 30), false),
                new Term(3, D(2024, 7, 1), D(2025, 6, 30), D(2025, 6, 30), "automatic", D(2025, 7, 30), true),
            ],
            TermsOf("TWICE"));
    }

    [Fact]
    public void In_the_thirty_days_after_a_term_ended_the_renewal_can_still_be_refused()
    {
        Assert.Equal(new Status("notice_period", 1, D(2026, 6, 15), D(2025, 7, 15), 15, "auto_renewal", D(2026, 6, 15), 350, null), StatusOf("NOTICE"));
    }

    [Fact]
    public void The_thirtieth_day_after_the_end_is_the_last_day_to_give_notice_and_the_day_after_is_too_late()
    {
        Assert.Equal(new Status("notice_period", 1, D(2026, 5, 31), D(2025, 6, 30), 0, "auto_renewal", D(2026, 5, 31), 335, null), StatusOf("LASTDAY"));
        Assert.Equal(new Status("auto_renewed", 1, D(2026, 5, 30), D(2026, 6, 29), 364, "auto_renewal", D(2026, 5, 30), 334, null), StatusOf("MISSED"));
    }

    [Fact]
    public void A_terminated_contract_keeps_the_terms_it_began_and_has_nothing_coming()
    {
        Assert.Equal(new Status("terminated", 2, D(2025, 12, 31), null, null, null, null, null, null), StatusOf("TERMINATED"));
        Assert.Equal(
            [
                new Term(1, D(2023, 1, 1), D(2023, 12, 31), D(2023, 12, 31), "original", D(2024, 1, 30), false),
                new Term(2, D(2024, 1, 1), D(2024, 12, 31), D(2024, 12, 31), "automatic", D(2025, 1, 30), false),
                new Term(3, D(2025, 1, 1), D(2025, 12, 31), D(2025, 3, 31), "automatic", null, true),
            ],
            TermsOf("TERMINATED"));
    }

    [Fact]
    public void An_auto_renewing_contract_with_a_termination_day_ahead_is_ending_on_that_day()
    {
        Assert.Equal(new Status("ending", 0, D(2025, 7, 31), null, null, "end", D(2025, 7, 20), 20, 30), StatusOf("STOPPING"));
    }

    [Fact]
    public void A_contract_that_does_not_auto_renew_expires_after_its_end_date()
    {
        Assert.Equal(new Status("expired", 0, D(2024, 12, 31), null, null, null, null, null, null), StatusOf("FIXED"));
        Assert.Single(TermsOf("FIXED"));
    }

    [Fact]
    public void A_contract_ending_in_45_days_is_still_active_and_falls_in_the_60_day_window()
    {
        Assert.Equal(new Status("active", 0, D(2025, 8, 14), null, null, "end", D(2025, 8, 14), 45, 60), StatusOf("FORTYFIVE"));
    }

    [Fact]
    public void A_contract_not_started_yet_has_its_first_term_and_first_cancel_by_day_ahead()
    {
        Assert.Equal(new Status("not_started", 0, D(2026, 8, 31), D(2026, 9, 30), 457, "auto_renewal", D(2026, 8, 31), 427, null), StatusOf("LATER"));
    }

    [Fact]
    public void The_contracts_own_renewal_months_and_notice_days_replace_the_defaults()
    {
        Assert.Equal(new Status("auto_renewed", 3, D(2025, 9, 30), D(2025, 10, 10), 102, "auto_renewal", D(2025, 9, 30), 92, null), StatusOf("SIX"));
        Assert.Equal([D(2024, 3, 31), D(2024, 9, 30), D(2025, 3, 31), D(2025, 9, 30)], TermsOf("SIX").Select(t => t.End));
    }

    [Fact]
    public void A_term_ending_on_29_February_renews_to_28_February_and_back_to_29_February_in_a_leap_year()
    {
        Assert.Equal(
            [D(2020, 2, 29), D(2021, 2, 28), D(2022, 2, 28), D(2023, 2, 28), D(2024, 2, 29), D(2025, 2, 28), D(2026, 2, 28)],
            TermsOf("LEAP").Select(t => t.End));
        Assert.Equal(new Status("auto_renewed", 6, D(2026, 2, 28), D(2026, 3, 30), 273, "auto_renewal", D(2026, 2, 28), 243, null), StatusOf("LEAP"));
    }

    [Fact]
    public void With_notice_due_before_the_end_the_cancel_by_day_is_notice_days_before_the_terms_last_day()
    {
        using var warehouse = ContractBook.Open("2025-06-30", [("contracts.csv", """
            contract_id,account_id,start_date,end_date,auto_renew
            TWICE,A1,2022-07-01,2023-06-30,true
            SOON,A1,2024-07-31,2025-07-30,true
            LOCKED,A1,2024-07-21,2025-07-20,true
            """)], ("contracts.notice_after_end", "false"));

        Assert.Equal(
            [
                ("LOCKED", "active", D(2026, 6, 20), 355L),
                ("SOON", "notice_period", D(2025, 6, 30), 0L),
                ("TWICE", "auto_renewed", D(2026, 5, 31), 335L),
            ],
            warehouse.Rows("select contract_id, status, cancel_by, days_to_cancel_by from marts.contract_status order by 1",
                r => (r.GetString(0), r.GetString(1), r.Date(2)!.Value, r.GetInt64(3))));
    }

    /// <summary>
    /// Two agreements in one book. SUPPLY states nothing and follows the supply agreement: "到期后,若甲乙双方在30日内均未
    /// 提出终止本协议,本协议有效期自动延长一年" (30 days after 30 June 2025: 30 July). BANK says "如任何一方希望到期后终止
    /// 协议,应在协议终止前三个月送达书面通知": notice before the end, 92 days before 31 December 2025 is 30 September.
    /// </summary>
    [Fact]
    public void Each_contract_states_its_own_notice_days_and_whether_they_run_before_or_after_the_end()
    {
        using var warehouse = ContractBook.Open("2025-06-30", [("contracts.csv", """
            contract_id,account_id,start_date,end_date,auto_renew,notice_days,notice_after_end
            SUPPLY,A1,2024-07-01,2025-06-30,yes,,
            BANK,A2,2025-01-01,2025-12-31,yes,92,no
            """)]);

        Assert.Equal(
            [("BANK", D(2025, 9, 30), 92L), ("SUPPLY", D(2025, 7, 30), 30L)],
            warehouse.Rows("select contract_id, cancel_by, days_to_cancel_by from marts.contract_status order by 1",
                r => (r.GetString(0), r.Date(1)!.Value, r.GetInt64(2))));
    }
}
