using System.Globalization;
using Analytics.Models.Churn;
using Analytics.Models.Features;
using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Models.Runs;

/// <summary>
/// Where churn is a label the export gives and no order history exists: the churn model learns the label from the
/// accounts' attributes (<see cref="AttributeFeatures"/>), evaluated on a stratified holdout (<see cref="StratifiedHoldout"/>)
/// against the best single attribute (<see cref="AttributeBaseline"/>). The run stores the attribute recipe in its
/// metrics so scoring builds the same features.
/// </summary>
internal static class LabelChurnTraining
{
    private const int MinimumRows = 50;
    private const int MinimumChurned = 10;

    public static (TrainedRun Run, IReadOnlyList<string> Features) Train(DuckDBConnection connection, DateOnly asOf, DateTimeOffset trainedAt, long dataVersion)
    {
        var labelled = LabelledAccounts.Read(connection).Where(a => a.Churned is not null).ToList();
        var churners = labelled.Count(a => a.Churned == true);
        if (labelled.Count < MinimumRows || churners < MinimumChurned || labelled.Count - churners < MinimumChurned)
        {
            throw new WarehouseException(string.Create(CultureInfo.InvariantCulture,
                $"There is too little history to train: a churn label needs at least {MinimumRows} labelled accounts with {MinimumChurned} churned and {MinimumChurned} not; there are {labelled.Count} with {churners} churned."));
        }

        var (train, test) = StratifiedHoldout.Split(labelled, a => a.Churned!.Value);
        var recipe = AttributeFeatures.Learn(train.Select(a => a.Attributes).ToList());
        var names = recipe.Names;
        if (names.Count == 0)
        {
            throw new WarehouseException("There is nothing to learn churn from: the accounts have no attribute with two or more values (map the export's other columns as attributes).");
        }

        var trainValues = train.Select(a => recipe.Vector(a.Attributes)).ToList();
        var testValues = test.Select(a => recipe.Vector(a.Attributes)).ToList();
        var trainOutcomes = train.Select(a => a.Churned!.Value).ToList();
        var outcomes = test.Select(a => a.Churned!.Value).ToList();
        var testVectors = testValues.Select(MlData.Vector).ToList();
        var classifier = ChurnClassifier.Train(trainValues.Select(MlData.Vector).ToList(), trainOutcomes);
        var metrics = ChurnMetrics.Compute(classifier.Probabilities(testVectors), outcomes);
        var (attribute, baselineProbabilities) = AttributeBaseline.TrainAndPredict(recipe, trainValues, trainOutcomes, testValues);
        var holdout = string.Create(CultureInfo.InvariantCulture, $"stratified {StratifiedHoldout.Share * 100:0}% (seed {StratifiedHoldout.Seed})");
        var evaluation = ChurnEvaluation.Graded(train.Count, trainOutcomes.Count(c => c), metrics,
            new NamedBaseline($"{attribute} alone (logistic regression)", ChurnMetrics.Compute(baselineProbabilities, outcomes)), null, holdout) with
        {
            Attributes = new AttributeUse(recipe.Numeric.Keys.Order(StringComparer.Ordinal).ToList(),
                recipe.Categories.Keys.Order(StringComparer.Ordinal).ToList(), recipe.LeftOut),
        };

        var window = new ModelRunRecord(0, "churn", "", Algorithm, trainedAt, dataVersion, null, null, asOf, names, "", null, false, null, null);
        return (new ChurnRunStore(connection).Store(classifier, evaluation, names, testVectors, outcomes, window,
            node => node["attribute_recipe"] = RunJson.Node(recipe)), names);
    }

    public const string Algorithm = ChurnClassifier.Algorithm + " on attributes";
}
