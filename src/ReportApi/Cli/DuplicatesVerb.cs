using System.Globalization;
using Analytics.Warehouse.Marts;

namespace Analytics.ReportApi.Cli;

/// <summary>
/// <c>analytics duplicates [list [--all]] | confirm A B | reject A B</c>: the review list of duplicate companies
/// (重复客户) and a person's decision on a pair, which the next refresh applies and every later one keeps.
/// </summary>
internal static class DuplicatesVerb
{
    public static Verb Definition { get; } = new(
        "duplicates",
        "duplicates [list [--all] | confirm ACCOUNT OTHER | reject ACCOUNT OTHER]",
        """
        Lists the pairs of accounts that may be one company (重复客户) and wait for a person: scored between
        duplicates.review_score and duplicates.merge_score (--all: every candidate pair, with its status).
        'confirm A B' makes the two one company, 'reject A B' keeps them apart; the decision holds across reloads
        and refreshes, and takes effect at the next refresh ('analytics refresh').
        """,
        new HashSet<string>(),
        new HashSet<string> { "all" },
        RunAsync);

    private static async Task<int> RunAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        var action = args.Positional.Count == 0 ? "list" : args.Positional[0];
        var decision = action switch
        {
            "list" when args.Positional.Count <= 1 => null,
            "confirm" or "reject" when args.Positional.Count == 3 => action == "confirm" ? DuplicateReview.Confirmed : DuplicateReview.Rejected,
            "confirm" or "reject" => throw new UsageException($"'{action}' takes two account ids: duplicates {action} ACCOUNT OTHER."),
            _ => throw new UsageException($"duplicates takes list, confirm ACCOUNT OTHER or reject ACCOUNT OTHER, not '{string.Join(' ', args.Positional)}'."),
        };
        using var warehouse = args.OpenWarehouse();
        using var connection = warehouse.Database.Connect();
        if (decision is null)
        {
            foreach (var c in DuplicateReview.List(connection, args.Flag("all")))
            {
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{c.Score:0.00}\t{c.Status}\t{c.Rule}\t{c.AccountId}\t{c.Name}\t{c.OtherAccountId}\t{c.OtherName}"));
            }

            return 0;
        }

        var (account, other) = (args.Positional[1], args.Positional[2]);
        DuplicateReview.Decide(connection, account, other, decision, args.Served is null ? "cli:" + Environment.UserName : "operator");
        await stdout.WriteLineAsync(decision == DuplicateReview.Confirmed
            ? $"{account} and {other} are one company from the next refresh on."
            : $"{account} and {other} stay two companies from the next refresh on.");
        return 0;
    }
}
