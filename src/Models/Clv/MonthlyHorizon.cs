using Analytics.Warehouse.Clv;

namespace Analytics.Models.Clv;

/// <summary>
/// The CLV horizon's month ends in the fit's time unit and each month's discount from its end: the expected
/// purchases over the horizon and the same discounted month by month.
/// </summary>
internal sealed class MonthlyHorizon
{
    private readonly double[] ends;
    private readonly double[] discounts;

    private MonthlyHorizon(double[] ends, double[] discounts) => (this.ends, this.discounts) = (ends, discounts);

    public static MonthlyHorizon Of(ClvFit fit, ClvOptions options)
    {
        var month = PurchaseTimeUnits.DaysPerMonth / fit.Unit.Days();
        var months = Enumerable.Range(1, options.HorizonMonths).ToArray();
        return new([.. months.Select(k => k * month)], [.. months.Select(k => Math.Pow(1 + options.AnnualDiscountRate, k / 12.0))]);
    }

    /// <summary>A customer's expected purchases over the horizon and discounted, given alive at T, times <paramref name="alive"/>.</summary>
    /// <remarks>All months' expectations come from one call, so BG/NBD's series share their terms.</remarks>
    public (double Horizon, double Discounted) Sum(IRepeatPurchaseFit fit, BgNbdCustomer customer, double alive)
    {
        Span<double> byMonthEnd = stackalloc double[ends.Length];
        fit.ConditionalExpectedPurchasesIfAlive(customer, ends, byMonthEnd);
        var discounted = 0.0;
        var before = 0.0;
        for (var k = 0; k < ends.Length; k++)
        {
            var expected = byMonthEnd[k] * alive;
            discounted += (expected - before) / discounts[k];
            before = expected;
        }

        return (before, discounted);
    }
}
