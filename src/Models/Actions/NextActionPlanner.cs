using Analytics.Models.Churn;
using Analytics.Models.Features;

namespace Analytics.Models.Actions;

/// <summary>
/// Ranks each account's actions by what the churn model says they would change: every driver that applies is
/// re-scored with its healthy value (one batch for the whole pass), and the actions that lower the probability are
/// kept, the largest drop first, at most <see cref="PerAccount"/>. An action the model expects to change nothing,
/// or to raise the risk, is not recommended. Accounts at high or medium risk, and key accounts (tier A, value to
/// win), get actions.
/// </summary>
public sealed class NextActionPlanner(ChurnClassifier classifier, IReadOnlyList<string> features)
{
    public const int PerAccount = 3;

    /// <summary>A drop smaller than this (under a tenth of a percentage point) is no reason to act.</summary>
    public const double Negligible = 0.001;

    public sealed record Scored(string AccountId, double[] Values, double Probability, string Band);

    public IReadOnlyList<NextAction> Plan(IReadOnlyList<Scored> accounts, IReadOnlyDictionary<string, ActionContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(contexts);
        var candidates = new List<(Scored Account, ActionDriver Driver, int Slot, double Healthy, DateOnly? DueBy)>();
        foreach (var account in accounts)
        {
            var context = contexts.GetValueOrDefault(account.AccountId) ?? ActionContext.None;
            if (account.Band is not (RiskBand.High or RiskBand.Medium) && context.Tier != "A")
            {
                continue;
            }

            foreach (var driver in ActionDrivers.All)
            {
                var slot = IndexOf(driver.Feature);
                if (slot >= 0 && driver.Applies(account.Values[slot], context))
                {
                    candidates.Add((account, driver, slot, driver.Healthy(account.Values[slot], context),
                        driver.Action == "renewal_call" ? context.CancelBy : null));
                }
            }
        }

        if (candidates.Count == 0)
        {
            return [];
        }

        var after = classifier.Probabilities(candidates.Select(c => MlData.Vector(With(c.Account.Values, c.Slot, c.Healthy))).ToList());
        return candidates.Select((c, i) => (c, After: after[i]))
            .Where(x => x.c.Account.Probability - x.After >= Negligible)
            .GroupBy(x => x.c.Account.AccountId, StringComparer.Ordinal)
            .SelectMany(g => g.OrderByDescending(x => x.c.Account.Probability - x.After).ThenBy(x => x.c.Driver.Action, StringComparer.Ordinal)
                .Take(PerAccount)
                .Select((x, rank) => new NextAction(g.Key, x.c.Driver.Action, rank + 1, x.c.Driver.Feature, x.c.Account.Values[x.c.Slot],
                    x.c.Healthy, x.c.Account.Probability, x.After, x.c.DueBy)))
            .ToList();
    }

    /// <summary>A copy of <paramref name="values"/> with one slot changed.</summary>
    public static double[] With(double[] values, int slot, double value)
    {
        ArgumentNullException.ThrowIfNull(values);
        var changed = (double[])values.Clone();
        changed[slot] = value;
        return changed;
    }

    private int IndexOf(string feature)
    {
        for (var i = 0; i < features.Count; i++)
        {
            if (features[i] == feature)
            {
                return i;
            }
        }

        return -1;
    }
}
