using Analytics.Ingest.Loading;
using Analytics.Tests.Support;

namespace Analytics.Tests.Contracts;

/// <summary>
/// Due dates from the agreement's payment clause (八、付款) when the file gives none, on invoices written by hand around
/// the 2025 holidays of the State Council's notice (春节 28 January to 4 February with 26 January and 8 February
/// worked; 劳动节 1 to 5 May with 27 April worked; 国庆节、中秋节 1 to 8 October with 28 September and 11 October worked).
/// "其他产品定购,甲方应在收到乙方开出的商业发票后的3个工作日内汇款": working days counted from the day after the invoice,
/// make-up days included. "甲方常用产品实行月结,在每月X号前汇款": a regular delivery (channel schedule) is due on the
/// settlement day of the month after its invoice.
/// </summary>
public sealed class PaymentTermsTests : IClassFixture<PaymentTermsTests.TermsBook>
{
    private readonly TermsBook _book;

    public PaymentTermsTests(TermsBook book) => _book = book;

    public sealed class TermsBook : IDisposable
    {
        public TestWarehouse Warehouse { get; } = ContractBook.Open("2025-12-31",
        [
            ("contracts.csv", """
                contract_id,account_id,start_date,end_date,payment_terms_days,payment_terms_basis,settlement_day
                WORK5,A2,2025-01-01,2025-12-31,5,working,
                NET30,A2,2025-01-01,2025-12-31,30,,
                END31,A3,2025-01-01,2025-12-31,,,31
                """),
            ("orders.csv", """
                order_id,account_id,order_date,channel,contract_id,amount,invoice_date
                FRI_BEFORE_SPRING,A1,2025-01-24,phone,,100.00,2025-01-24
                THU_AFTER_SPRING,A1,2025-02-06,order_form,,100.00,2025-02-06
                FRI_BEFORE_NATIONAL,A1,2025-09-26,phone,,100.00,2025-09-26
                SATURDAY,A1,2025-03-01,phone,,100.00,2025-03-01
                REGULAR,A1,2025-01-20,schedule,,100.00,2025-01-20
                FIVE_WORKING,A2,2025-04-25,phone,WORK5,100.00,2025-04-25
                NET30_REGULAR,A2,2025-03-01,schedule,NET30,100.00,2025-03-01
                SETTLE31,A3,2025-01-10,schedule,END31,100.00,2025-01-10
                END31_OTHER,A3,2025-01-10,phone,END31,100.00,2025-01-10
                """),
        ]);

        public void Dispose() => Warehouse.Dispose();
    }

    private (DateOnly DueDate, string Source) DueOf(string orderId) => _book.Warehouse.Rows(
        "select due_date, due_date_source from marts.invoice_payments where order_id = $1",
        r => (r.Date(0)!.Value, r.GetString(1)), orderId).Single();

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Theory]
    // Fri 24 Jan: Sun 26 Jan (make-up day) 1, Mon 27 Jan 2, 28 Jan to 4 Feb holiday, Wed 5 Feb 3.
    [InlineData("FRI_BEFORE_SPRING", 2025, 2, 5)]
    // Thu 6 Feb: Fri 7 Feb 1, Sat 8 Feb (make-up day) 2, Mon 10 Feb 3.
    [InlineData("THU_AFTER_SPRING", 2025, 2, 10)]
    // Fri 26 Sep: Sun 28 Sep (make-up day) 1, Mon 29 Sep 2, Tue 30 Sep 3.
    [InlineData("FRI_BEFORE_NATIONAL", 2025, 9, 30)]
    // Sat 1 Mar: Mon 3, Tue 4, Wed 5 March.
    [InlineData("SATURDAY", 2025, 3, 5)]
    public void Other_orders_are_due_three_working_days_after_the_commercial_invoice_make_up_days_included(string orderId, int year, int month, int day)
    {
        Assert.Equal((D(year, month, day), "terms"), DueOf(orderId));
    }

    [Fact]
    public void A_regular_delivery_settles_on_the_fifteenth_of_the_month_after_its_invoice_by_default()
    {
        Assert.Equal((D(2025, 2, 15), "settlement"), DueOf("REGULAR"));
    }

    [Fact]
    public void A_contracts_own_terms_replace_the_agreements_default()
    {
        // Fri 25 Apr, 5 working days: Sun 27 Apr (make-up) 1, Mon 28 2, Tue 29 3, Wed 30 4, 1-5 May holiday, Tue 6 May 5.
        Assert.Equal((D(2025, 5, 6), "terms"), DueOf("FIVE_WORKING"));
        // "30 days" with no basis are calendar days, and they govern the contract's regular deliveries too.
        Assert.Equal((D(2025, 3, 31), "terms"), DueOf("NET30_REGULAR"));
        // Settlement on the 31st falls on the last day of a shorter month; the contract's other orders keep 3 working days
        // (Fri 10 Jan: Mon 13, Tue 14, Wed 15 January).
        Assert.Equal((D(2025, 2, 28), "settlement"), DueOf("SETTLE31"));
        Assert.Equal((D(2025, 1, 15), "terms"), DueOf("END31_OTHER"));
    }

    [Fact]
    public void Terms_the_clause_cannot_mean_are_rejected_with_the_reason_and_the_other_rows_load()
    {
        using var warehouse = new TestWarehouse();
        warehouse.LoadText("accounts.csv", ContractBook.Accounts);
        var report = warehouse.LoadText("contracts.csv", """
            contract_id,account_id,start_date,end_date,payment_terms_days,payment_terms_basis,settlement_day,notice_after_end
            OK,A1,2025-01-01,2025-12-31,3,working,15,no
            WEEKLY,A1,2025-01-01,2025-12-31,3,weekly,,
            DAY32,A1,2025-01-01,2025-12-31,,,32,
            BACKWARDS,A1,2025-01-01,2025-12-31,-3,,,
            """);

        Assert.Equal(
            [
                new RejectedRow(3, "payment_terms_basis not one of working, calendar"),
                new RejectedRow(4, "settlement_day outside 1..31"),
                new RejectedRow(5, "negative payment_terms_days"),
            ],
            report.Rejects);
    }

    [Fact]
    public void Working_days_count_the_shipped_calendars_make_up_days_and_say_the_calendar_covered_them()
    {
        Assert.Equal(0, _book.Warehouse.Scalar<long>("select count(*) from marts.invoice_payments where calendar_covered is false"));
    }
}
