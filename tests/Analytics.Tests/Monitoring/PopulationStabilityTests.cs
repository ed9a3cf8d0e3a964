using Analytics.Models.Monitoring;

namespace Analytics.Tests.Monitoring;

/// <summary>The population stability index, the missing and the out-of-range shares, on examples worked by hand.</summary>
public sealed class PopulationStabilityTests
{
    [Fact]
    public void Ten_even_bins_and_a_pass_piled_into_the_lowest_give_the_index_by_hand()
    {
        // Training 1..10: deciles 1..9, ten bins of 0.1 each. The pass: half in (-inf, 1], one each in (1,2] .. (5,6],
        // none above 6, so four bins count as the floor 0.0001:
        // PSI = (0.5 - 0.1) ln(0.5 / 0.1) + 4 (0.0001 - 0.1) ln(0.0001 / 0.1) = 0.4 ln 5 + 0.3996 ln 1000 = 3.404114174454902.
        var reference = PopulationStability.Reference([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        Assert.Equal([1.0, 2, 3, 4, 5, 6, 7, 8, 9], reference.Edges);
        Assert.All(reference.Shares, s => Assert.Equal(0.1, s, 12));

        var check = PopulationStability.Compare(reference, [1, 1, 1, 1, 1, 2, 3, 4, 5, 6]);
        Assert.Equal((0.4 * Math.Log(5)) + (0.3996 * Math.Log(1000)), check.Psi, 12);
        Assert.Equal(3.404114174454902, check.Psi, 12);
        Assert.Equal(0, check.OutOfRangeShare);
        Assert.Equal(0, check.MissingShare);

        // The training data against itself is perfectly stable.
        Assert.Equal(0, PopulationStability.Compare(reference, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).Psi, 12);
    }

    [Fact]
    public void A_mostly_zero_count_tripled_moves_its_accounts_to_the_top_bins_and_out_of_range()
    {
        // SLA breaches of ten accounts: seven with none, then 1, 2, 3. Deciles 0 (seven times), 1, 2: too few bins, so
        // the values above 2 are cut again at their own deciles (3): bins (-inf,0], (0,1], (1,2], (2,3], (3,inf) with
        // 0.7, 0.1, 0.1, 0.1, 0. Tripled, 0 x7, 3, 6, 9 give 0.7, 0, 0, 0.1, 0.2:
        // PSI = 2 (0.0001 - 0.1) ln(0.0001 / 0.1) + (0.2 - 0.0001) ln(0.2 / 0.0001) = 0.1998 ln 1000 + 0.1999 ln 2000.
        var reference = PopulationStability.Reference([0, 0, 0, 0, 0, 0, 0, 1, 2, 3]);
        Assert.Equal([0.0, 1, 2, 3], reference.Edges);
        Assert.Equal(3, reference.Max);

        var check = PopulationStability.Compare(reference, [0, 0, 0, 0, 0, 0, 0, 3, 6, 9]);
        Assert.Equal((0.1998 * Math.Log(1000)) + (0.1999 * Math.Log(2000)), check.Psi, 12);
        Assert.Equal(2.899589906403093, check.Psi, 12);
        Assert.Equal(0.2, check.OutOfRangeShare, 12); // 6 and 9 lie above the training maximum 3
    }

    [Fact]
    public void Missing_values_are_counted_apart_and_left_out_of_the_bins()
    {
        var reference = PopulationStability.Reference([1, 2, 3, 4, double.NaN]);
        Assert.Equal(0.2, reference.MissingShare, 12);

        var check = PopulationStability.Compare(reference, [1, 2, 3, 4, double.NaN, double.PositiveInfinity, double.NaN, double.NaN]);
        Assert.Equal(0.5, check.MissingShare, 12);
        Assert.Equal(0, check.Psi, 12); // the four finite values fall one to a bin, as in training
        Assert.Equal(8, check.Values);
    }
}
