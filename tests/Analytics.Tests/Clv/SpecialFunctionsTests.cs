using Analytics.Models.Clv;
using Analytics.Models.Numerics;

namespace Analytics.Tests.Clv;

public sealed class SpecialFunctionsTests
{
    [Theory]
    [InlineData(0.5, 0.57236494292470008)] // ln √π
    [InlineData(1.0, 0.0)]
    [InlineData(2.0, 0.0)]
    [InlineData(10.0, 12.801827480081469)] // ln 362880
    [InlineData(0.1, 2.2527126517342059)]
    [InlineData(100.0, 359.13420536957540)]
    public void Log_gamma_matches_known_values_to_1e_12(double x, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.LogGamma(x), 1e-12);
    }

    [Fact]
    public void The_hypergeometric_series_matches_a_closed_form()
    {
        // 2F1(1, 1; 2; z) = −ln(1 − z) / z.
        Assert.Equal(-Math.Log(0.75) / 0.25, SpecialFunctions.Hypergeometric2F1(1, 1, 2, 0.25), 1e-13);
    }

    [Fact]
    public void The_series_at_several_arguments_equals_the_series_at_each_to_the_last_bit()
    {
        // The CLV horizon's month ends share one series; the values must not move by sharing.
        double[] z = [0.02, 0.3, 0.71, 0.93];
        var shared = new double[z.Length];

        SpecialFunctions.Hypergeometric2F1(7.243, 9.426, 9.219, z, shared);

        Assert.Equal(z.Select(v => SpecialFunctions.Hypergeometric2F1(7.243, 9.426, 9.219, v)), shared);
    }

    [Fact]
    public void The_log_gamma_difference_keeps_the_digits_the_plain_difference_loses()
    {
        // ln Γ(1000.5) − ln Γ(1000) = ln(Γ(1000.5)/Γ(1000)); mpmath 1.3.0 at 50 digits: 3.4537526394962769.
        Assert.Equal(3.4537526394962769, SpecialFunctions.LogGammaDifference(1000, 0.5), 2e-15);
    }
}
