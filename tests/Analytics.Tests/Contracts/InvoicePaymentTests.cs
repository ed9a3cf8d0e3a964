using Analytics.Tests.Support;

namespace Analytics.Tests.Contracts;

/// <summary>
/// Invoices as of 30 June 2025: paid on the due date is on time, a day later is one day late; unpaid and due
/// today is open, due yesterday is one day overdue. Late fees are 0.1% a day of the invoice amount, to the cent.
/// </summary>
public sealed class InvoicePaymentTests : IClassFixture<InvoicePaymentTests.PaymentBook>
{
    private readonly PaymentBook _book;

    public InvoicePaymentTests(PaymentBook book) => _book = book;

    public sealed class PaymentBook : IDisposable
    {
        public TestWarehouse Warehouse { get; } = ContractBook.Open("2025-06-30",
        [
            ("contracts.csv", "contract_id,account_id,start_date,end_date,payment_terms_days\nCT10,A2,2025-01-01,2025-12-31,10\n"),
            ("orders.csv", """
                order_id,account_id,order_date,contract_id,amount,invoice_date,due_date,paid_date
                I1,A1,2025-05-01,,1000.00,2025-05-01,2025-05-31,2025-05-31
                I2,A1,2025-05-01,,1000.00,2025-05-01,2025-05-31,2025-06-10
                I3,A1,2025-06-15,,500.00,2025-06-15,2025-07-15,
                I4,A1,2025-05-31,,300.00,2025-05-31,2025-06-30,
                I5,A1,2025-05-15,,2345.67,2025-05-16,2025-06-15,
                I6,A2,2025-06-01,CT10,800.00,2025-06-01,,
                I7,A2,2025-05-20,,999.99,2025-05-20,,2025-06-20
                I8,A2,2025-06-01,,100.00,2025-06-01,2025-06-20,2025-07-05
                N1,A2,2025-06-01,,100.00,,,
                W0,A3,2024-06-01,,100.00,2024-06-01,2024-06-30,2024-07-10
                W1,A3,2024-06-01,,100.00,2024-06-01,2024-07-01,2024-07-02
                W2,A3,2025-01-01,,100.00,2025-01-01,2025-01-31,2025-01-30
                W3,A3,2025-03-01,,100.00,2025-03-01,2025-03-31,2025-03-31
                W4,A3,2025-04-01,,100.00,2025-04-01,2025-04-30,2025-04-01
                """),
        ]);

        public void Dispose() => Warehouse.Dispose();
    }

    private sealed record Invoice(DateOnly DueDate, string DueDateSource, DateOnly? PaidDate, string Status, long DaysLate, decimal LateFee);

    private sealed record AccountPayments(
        long Invoices, long PaidOnTime, long PaidLate, long Open, long Overdue, long LateInvoices, double? AverageDaysLate,
        decimal OpenAmount, decimal OverdueAmount, decimal LateFees, long InvoicesInWindow, long LateInWindow, bool IsLatePayer);

    private Invoice InvoiceOf(string orderId) => _book.Warehouse.Rows(
        "select due_date, due_date_source, paid_date, status, days_late, late_fee from marts.invoice_payments where order_id = $1",
        r => new Invoice(r.Date(0)!.Value, r.GetString(1), r.Date(2), r.GetString(3), r.GetInt64(4), r.GetDecimal(5)),
        orderId).Single();

    private AccountPayments PaymentsOf(string accountId) => _book.Warehouse.Rows(
        """
        select invoices, paid_on_time, paid_late, open, overdue, late_invoices, average_days_late,
            open_amount, overdue_amount, late_fees, invoices_in_window, late_in_window, is_late_payer
        from marts.account_payments where account_id = $1
        """,
        r => new AccountPayments(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5),
            r.IsDBNull(6) ? null : r.GetDouble(6), r.GetDecimal(7), r.GetDecimal(8), r.GetDecimal(9), r.GetInt64(10), r.GetInt64(11), r.GetBoolean(12)),
        accountId).Single();

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void Paid_on_the_due_date_is_on_time_and_ten_days_after_is_ten_days_late()
    {
        Assert.Equal(new Invoice(D(2025, 5, 31), "file", D(2025, 5, 31), "paid_on_time", 0, 0m), InvoiceOf("I1"));
        Assert.Equal(new Invoice(D(2025, 5, 31), "file", D(2025, 6, 10), "paid_late", 10, 10.00m), InvoiceOf("I2"));
    }

    [Fact]
    public void Unpaid_and_due_today_or_later_is_open_and_costs_nothing_yet()
    {
        Assert.Equal(new Invoice(D(2025, 7, 15), "file", null, "open", 0, 0m), InvoiceOf("I3"));
        Assert.Equal(new Invoice(D(2025, 6, 30), "file", null, "open", 0, 0m), InvoiceOf("I4"));
    }

    [Fact]
    public void Unpaid_past_the_due_date_is_overdue_by_the_days_since_and_the_fee_is_rounded_to_the_cent()
    {
        // 2,345.67 x 0.1% x 15 days = 35.18505
        Assert.Equal(new Invoice(D(2025, 6, 15), "file", null, "overdue", 15, 35.19m), InvoiceOf("I5"));
    }

    [Fact]
    public void Without_a_due_date_it_is_the_invoice_date_plus_the_contracts_terms_else_three_working_days()
    {
        Assert.Equal(new Invoice(D(2025, 6, 11), "terms", null, "overdue", 19, 15.20m), InvoiceOf("I6"));
        // Tue 20 May 2025: Wed 21, Thu 22, Fri 23 May; paid 20 June is 28 days late: 999.99 x 0.1% x 28 = 27.99972.
        Assert.Equal(new Invoice(D(2025, 5, 23), "terms", D(2025, 6, 20), "paid_late", 28, 28.00m), InvoiceOf("I7"));
    }

    [Fact]
    public void A_payment_after_the_as_of_day_is_not_known_yet()
    {
        Assert.Equal(new Invoice(D(2025, 6, 20), "file", null, "overdue", 10, 1.00m), InvoiceOf("I8"));
    }

    [Fact]
    public void An_order_without_invoice_or_due_date_is_not_an_invoice()
    {
        Assert.Equal(0, _book.Warehouse.Scalar<long>("select count(*) from marts.invoice_payments where order_id = 'N1'"));
    }

    [Fact]
    public void An_account_with_two_of_three_judged_invoices_late_is_a_late_payer()
    {
        // I3 is not due yet and I4 is due today and unpaid: neither counts for the late-payer share.
        Assert.Equal(new AccountPayments(5, 1, 1, 2, 1, 2, 12.5, 800.00m, 2345.67m, 45.19m, 3, 2, true), PaymentsOf("A1"));
        Assert.Equal(new AccountPayments(3, 0, 1, 0, 2, 3, 19.0, 0m, 900.00m, 44.20m, 3, 3, true), PaymentsOf("A2"));
    }

    [Fact]
    public void An_invoice_due_exactly_twelve_months_ago_is_outside_the_late_payer_window()
    {
        // W0 (due 30 June 2024, paid late) falls out; W1 (due 1 July 2024) is the one late of four: 25% < 30%.
        Assert.Equal(new AccountPayments(5, 3, 2, 0, 0, 2, 5.5, 0m, 0m, 1.10m, 4, 1, false), PaymentsOf("A3"));
    }

    [Fact]
    public void A_late_share_equal_to_the_setting_makes_a_late_payer()
    {
        using var warehouse = ContractBook.Open("2025-06-30", [("orders.csv", """
            order_id,account_id,order_date,amount,invoice_date,due_date,paid_date
            W1,A3,2024-06-01,100.00,2024-06-01,2024-07-01,2024-07-02
            W2,A3,2025-01-01,100.00,2025-01-01,2025-01-31,2025-01-30
            W3,A3,2025-03-01,100.00,2025-03-01,2025-03-31,2025-03-31
            W4,A3,2025-04-01,100.00,2025-04-01,2025-04-30,2025-04-01
            """)], ("payments.late_payer_share", "0.25"));

        Assert.True(warehouse.Scalar<bool>("select is_late_payer from marts.account_payments where account_id = 'A3'"));
    }
}
