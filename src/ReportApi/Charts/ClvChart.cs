using System.Globalization;

namespace Analytics.ReportApi.Charts;

/// <summary>
/// How lifetime value (models.current_scores.clv) spreads over the selected companies, in log bins (edges 1-2-5 through
/// each power of ten; the axis title says so): CLV is heavy-tailed, and even bins put nearly all in the first. A bin's
/// bar links to the AccountScores rows in it: each company's master account (a duplicate's score is not the company's),
/// narrowed by the chart's tier and region.
/// </summary>
internal sealed class ClvChart : IChart
{
    public string Name => "clv";

    public ChartData Build(ChartContext context)
    {
        var rows = context.State.HasScores
            ? context.Query("clv_distribution", r => (
                Start: Reader.Decimal(r, "bin_start"),
                End: Reader.Decimal(r, "bin_end"),
                Accounts: Reader.Long(r, "accounts")))
            : [];
        var points = rows.Select((x, i) => new ChartPoint(i, x.Accounts, Link: ChartContext.ODataLink("AccountScores",
            [$"Clv ge {x.Start.ToString(CultureInfo.InvariantCulture)}", $"Clv lt {x.End.ToString(CultureInfo.InvariantCulture)}",
                "Account/MasterAccountId eq AccountId", .. context.FilterConditions("Account/Tier", "Account/Region")]))).ToList();
        return new ChartData(Name, ChartKind.Bars, context.T("clv.title"), context.T("clv.x"), context.T("clv.y"),
            [new ChartSeries(context.T("clv.series"), points)])
        {
            Categories = [.. rows.Select(x => $"{Edge(x.Start, context.Language)}–{Edge(x.End, context.Language)}")],
            EmptyMessage = !context.State.HasScores ? context.T("no_scores") : rows.Count == 0 ? context.T("no_data") : null,
        };
    }

    /// <summary>A bin edge as short as it reads: 2k, 50k, 1M in English; 5000, 2万, 100万, 1亿 in Chinese (which counts in 万).</summary>
    internal static string Edge(decimal amount, Language language)
    {
        var steps = language == Language.Zh
            ? new[] { (100_000_000m, "亿"), (10_000m, "万") }
            : [(1_000_000_000m, "B"), (1_000_000m, "M"), (1_000m, "k")];
        foreach (var (size, suffix) in steps)
        {
            if (Math.Abs(amount) >= size)
            {
                return (amount / size).ToString("0.##", CultureInfo.InvariantCulture) + suffix;
            }
        }

        return amount.ToString("0.##", CultureInfo.InvariantCulture);
    }
}
