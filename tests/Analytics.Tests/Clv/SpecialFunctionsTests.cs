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
}
