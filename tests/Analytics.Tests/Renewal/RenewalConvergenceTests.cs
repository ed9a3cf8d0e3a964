using Analytics.Models.Renewal;

namespace Analytics.Tests.Renewal;

/// <summary>How the sBG fit reports its convergence: clean on a cohort whose loyalty grows, a warning at a bound.</summary>
public sealed class RenewalConvergenceTests
{
    private static List<RenewalHistory> Cohort(params (int Kept, bool Lost, int Count)[] groups) =>
        [.. groups.SelectMany(g => Enumerable.Repeat(new RenewalHistory(g.Kept, g.Lost), g.Count))];

    [Fact]
    public void A_cohort_whose_refusals_fall_with_renewals_kept_converges_with_standard_errors_and_no_warning()
    {
        // The paper's regular cohort, year by year (Fader & Hardie 2007, Table 1: 1,000 then 631, 468, 382, 326,
        // 289, 262, 241 still subscribing).
        var fit = ShiftedBetaGeometricModel.Fit(Cohort((0, true, 369), (1, true, 163), (2, true, 86), (3, true, 56), (4, true, 37),
            (5, true, 27), (6, true, 21), (7, false, 241)));

        var estimation = fit.Estimation!;
        Assert.Empty(estimation.Convergence.Warnings);
        Assert.True(estimation.Convergence.GradientNorm < 0.01);
        Assert.All(estimation.StandardErrors, se => Assert.InRange(se, 0.01, 0.5));
    }

    [Fact]
    public void A_cohort_refusing_at_one_fixed_rate_runs_alpha_and_beta_off_towards_the_geometric_limit_and_says_so()
    {
        // Exactly geometric: 10% of those facing each renewal refuse it. There is no heterogeneity to fit, so the
        // likelihood rises as α and β grow together (the geometric limit), as on the demo company.
        var fit = ShiftedBetaGeometricModel.Fit(Cohort((0, true, 10_000), (1, true, 9_000), (2, true, 8_100), (3, true, 7_290),
            (4, true, 6_561), (5, false, 59_049)));

        var warnings = fit.Estimation!.Convergence.Warnings;
        // The simplex drifts up the ridge α/(α+β) = 0.1 (to α near 10,700, β near 96,000 here) and stops while the
        // likelihood still rises: the fit says so rather than passing its α and β off as estimates.
        Assert.True(fit.Alpha > 1000 && fit.Beta > 9 * 1000);
        Assert.Contains(warnings, w => w.StartsWith("the search stopped where the log-likelihood still changes", StringComparison.Ordinal)
            || w.Contains("ran towards a bound", StringComparison.Ordinal));
        Assert.Equal(0.1, fit.Alpha / (fit.Alpha + fit.Beta), 1e-4);
    }
}
