using Analytics.Tests.Support;

namespace Analytics.Tests.ModelRuns;

/// <summary>train and score as a user meets them: help, and one sentence with exit 2 when there is nothing to work on.</summary>
public sealed class ModelVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private Task<AnalyticsProcess.Result> Run(params string[] args) => AnalyticsProcess.RunAsync(_folder.Path, args);

    [Theory]
    [InlineData("train")]
    [InlineData("score")]
    public async Task The_model_verbs_answer_help_with_their_usage(string verb)
    {
        var result = await Run(verb, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"usage: analytics {verb} [--json]", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Training_before_the_marts_exist_says_to_refresh_first()
    {
        var result = await Run("train", "--db", "w.duckdb");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("The marts are not built yet; run 'analytics refresh' first.", result.Stderr.Trim());
    }

    [Fact]
    public async Task Training_an_empty_warehouse_says_there_is_too_little_history_and_scoring_says_to_train_first()
    {
        Assert.Equal(0, (await Run("refresh", "--db", "w.duckdb")).ExitCode);

        var train = await Run("train", "--db", "w.duckdb", "--json");
        Assert.Equal(2, train.ExitCode);
        Assert.StartsWith("There is too little history to train: churn needs at least 50 active accounts with 10 churners", train.Stderr.Trim(), StringComparison.Ordinal);
        Assert.Equal("", train.Stdout);

        var score = await Run("score", "--db", "w.duckdb");
        Assert.Equal(2, score.ExitCode);
        Assert.Equal("No churn model serves yet; run 'analytics train' first.", score.Stderr.Trim());
    }
}
