using System.Globalization;
using Analytics.Warehouse.Clv;
using Analytics.Warehouse.Marts;
using DuckDB.NET.Data;

namespace Analytics.Models.Clv;

/// <summary>
/// The 80/20 tiers (二八法则) of the accounts on a day, by the marts' rule (151_account_tiers): accounts with a
/// positive revenue in the Pareto window rank largest first, ties by account id; an account is A while the share
/// of revenue before it is below pareto.cut_a, B below pareto.cut_b, else C, and C with no revenue in the window.
/// The window here is the pareto.window_months months ending with the day itself, so a tier can be taken on any
/// day of the past (a holdout's cut) from the purchase summaries alone.
/// </summary>
public sealed record RevenueTiers(double CutA, double CutB, int WindowMonths)
{
    public static readonly string[] Names = ["A", "B", "C"];

    public static RevenueTiers FromSettings(DuckDBConnection connection)
    {
        var values = MartSettings.All(connection).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        double Number(string key, double fallback) =>
            double.TryParse(values.GetValueOrDefault(key), CultureInfo.InvariantCulture, out var v) ? v : fallback;
        return new RevenueTiers(Number("pareto.cut_a", 0.80), Number("pareto.cut_b", 0.95), (int)Math.Min(Number("pareto.window_months", 12), 1000));
    }

    /// <param name="atDay">the summaries on the day.</param>
    /// <param name="windowStart">the same accounts' summaries on the day the window starts after: their spend is before it.</param>
    public IReadOnlyDictionary<string, string> Of(IReadOnlyList<AccountPurchaseSummary> atDay, IReadOnlyList<AccountPurchaseSummary> windowStart)
    {
        ArgumentNullException.ThrowIfNull(atDay);
        ArgumentNullException.ThrowIfNull(windowStart);
        var earlier = windowStart.ToDictionary(s => s.AccountId, s => s.TotalSpend, StringComparer.Ordinal);
        var revenue = atDay
            .Select(s => (s.AccountId, Value: s.TotalSpend - earlier.GetValueOrDefault(s.AccountId)))
            .ToList();
        var ranked = revenue.Where(r => r.Value > 0).OrderByDescending(r => r.Value).ThenBy(r => r.AccountId, StringComparer.Ordinal).ToList();
        var total = ranked.Sum(r => r.Value);
        var tiers = revenue.ToDictionary(r => r.AccountId, _ => "C", StringComparer.Ordinal);
        var before = 0m;
        foreach (var (account, value) in ranked)
        {
            var shareBefore = (double)(before / total);
            tiers[account] = shareBefore < CutA ? "A" : shareBefore < CutB ? "B" : "C";
            before += value;
        }

        return tiers;
    }

    /// <summary>The day the window of <paramref name="day"/> starts after.</summary>
    public DateOnly WindowStart(DateOnly day) => day.AddMonths(-WindowMonths);
}
