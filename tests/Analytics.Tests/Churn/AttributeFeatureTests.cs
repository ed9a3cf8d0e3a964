using Analytics.Models.Churn;
using Analytics.Models.Features;

namespace Analytics.Tests.Churn;

public sealed class AttributeFeatureTests
{
    private static Dictionary<string, string?> Account(string id, string? plan, string? months, string region) =>
        new(StringComparer.Ordinal) { ["ref"] = id, ["plan"] = plan, ["months"] = months, ["region"] = region, ["country"] = "CN" };

    [Fact]
    public void Numbers_become_features_few_texts_become_categories_and_ids_and_constants_are_left_out()
    {
        // 25 accounts: a unique ref each (an id), three plans, months as numbers (one blank), one region in two spellings
        // of case, one country for all.
        var accounts = Enumerable.Range(1, 25)
            .Select(i => (IReadOnlyDictionary<string, string?>)Account($"R{i:00}", (i % 3) switch { 0 => "Monthly", 1 => "One year", _ => "Two year" },
                i == 25 ? " " : (i * 2).ToString(System.Globalization.CultureInfo.InvariantCulture), i % 2 == 0 ? "East" : "east"))
            .ToList();
        var recipe = AttributeFeatures.Learn(accounts);

        Assert.Equal(["months", "plan=Monthly", "plan=One year", "plan=Two year", "region=East", "region=east"], recipe.Names);
        // The months 2, 4, ..., 48: their median is 25 (between 24 and 26), taken by the blank.
        Assert.Equal(25.0, recipe.Numeric["months"]);
        Assert.Equal("25 different values (an id or free text)", recipe.LeftOut["ref"]);
        Assert.Equal("one value only", recipe.LeftOut["country"]);
        Assert.Equal([25.0, 0, 1, 0, 0, 1], recipe.Vector(accounts[24]));
        Assert.Equal([6.0, 1, 0, 0, 0, 1], recipe.Vector(accounts[2]));
        // A plan the training accounts never had sets no category; a missing number takes the median.
        Assert.Equal([25.0, 0, 0, 0, 1, 0], recipe.Vector(Account("R99", "Lifetime", null, "East")));

        Assert.Equal(("months is 6", "months为6"), recipe.Describe("months", 6));
        Assert.Equal(("plan is Monthly", "plan为Monthly"), recipe.Describe("plan=Monthly", 1));
        Assert.Equal(("plan is not Two year", "plan不是Two year"), recipe.Describe("plan=Two year", 0));
    }

    [Fact]
    public void The_stratified_holdout_takes_a_quarter_of_each_class_and_the_same_rows_every_time()
    {
        // 10 churners and 30 stayers: round(2.5) = 3 churners and round(7.5) = 8 stayers held out.
        var rows = Enumerable.Range(0, 40).Select(i => (Id: i, Churned: i % 4 == 0)).ToList();
        var (training, holdout) = StratifiedHoldout.Split(rows, r => r.Churned);
        Assert.Equal((3, 8), (holdout.Count(r => r.Churned), holdout.Count(r => !r.Churned)));
        Assert.Equal(40, training.Count + holdout.Count);
        Assert.Empty(training.Intersect(holdout));
        Assert.Equal(holdout, StratifiedHoldout.Split(rows, r => r.Churned).Holdout);
    }
}
