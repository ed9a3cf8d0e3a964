using Analytics.Tests.Support;

namespace Analytics.Tests.Cli;

/// <summary>
/// <c>analytics duplicates</c>: issue 16's "pairs below [the merge threshold] wait in a review list (CLI ...) where a
/// person confirms or rejects". 上海华信电气 / 上海华信电器 score 0.8 x 0.883 = 0.71 (Jaro-Winkler of 华信电气 / 华信电器:
/// 3 of 4 characters, a 3-character prefix), between the review score 0.60 and the merge score 0.90.
/// </summary>
public sealed class DuplicatesVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<AnalyticsProcess.Result> Run(params string[] args) => await AnalyticsProcess.RunAsync(_folder.Path, [.. args, "--db", "w.duckdb"]);

    [Fact]
    public async Task A_person_lists_the_pairs_waiting_confirms_one_and_the_next_refresh_merges_it()
    {
        _folder.Write("accounts.csv", """
            account_id,name,city
            E1,上海华信电气有限公司,上海
            E2,上海华信电器有限公司,上海
            L1,力瑞科技（上海）有限公司,上海
            L2,上海力瑞科技有限公司,上海
            """);
        Assert.Equal(0, (await Run("load", "accounts.csv")).ExitCode);
        Assert.Equal(0, (await Run("refresh")).ExitCode);

        var waiting = await Run("duplicates");
        Assert.Equal((0, "0.71\treview\tsimilar name\tE1\t上海华信电气有限公司\tE2\t上海华信电器有限公司\n"), (waiting.ExitCode, waiting.Stdout));

        var confirmed = await Run("duplicates", "confirm", "E2", "E1");
        Assert.Equal((0, "E2 and E1 are one company from the next refresh on.\n"), (confirmed.ExitCode, confirmed.Stdout));
        Assert.Equal(0, (await Run("duplicates", "reject", "L1", "L2")).ExitCode);
        Assert.Equal(0, (await Run("refresh")).ExitCode);

        Assert.Equal("", (await Run("duplicates", "list")).Stdout);
        Assert.Equal(
            "0.95\trejected\tsame name\tL1\t力瑞科技（上海）有限公司\tL2\t上海力瑞科技有限公司\n0.71\tconfirmed\tsimilar name\tE1\t上海华信电气有限公司\tE2\t上海华信电器有限公司\n",
            (await Run("duplicates", "list", "--all")).Stdout);
        Assert.Equal("\"E1,E1,L1,L2\"\n", (await Run("query", "select string_agg(master_account_id, ',' order by account_id) as m from marts.account_merge_map")).Stdout.Split('\n', 2)[1]);
    }

    [Fact]
    public async Task A_decision_on_an_unknown_account_or_without_two_accounts_is_refused_in_one_sentence()
    {
        _folder.Write("accounts.csv", "account_id,name\nA1,甲贸易有限公司\n");
        Assert.Equal(0, (await Run("load", "accounts.csv")).ExitCode);

        var unknown = await Run("duplicates", "reject", "A1", "X9");
        Assert.Equal((2, "There is no account X9 in the warehouse."), (unknown.ExitCode, unknown.Stderr.Trim()));
        var one = await Run("duplicates", "confirm", "A1");
        Assert.Equal((2, "'confirm' takes two account ids: duplicates confirm ACCOUNT OTHER."), (one.ExitCode, one.Stderr.Trim()));
    }
}
