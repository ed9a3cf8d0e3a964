using System.Globalization;
using Analytics.Ingest;
using Analytics.Ingest.Demo;
using Analytics.Models.Clv;
using Analytics.Tests.Cdnow;
using Analytics.Tests.Support;
using Analytics.Warehouse.Clv;
using Xunit.Abstractions;

namespace Analytics.Tests.Clv;

/// <summary>
/// CLV against the revenue that followed, per 80/20 tier (issue 16, item 7: "12-month CLV is 0.62x last year's revenue
/// for tier A and 1.79x for tier C, while tier-A revenue actually holds at about 0.95x"): valued on the orders up to a
/// cut day, over the 12 months after it, compared with what each tier's accounts spent there.
/// </summary>
public sealed class ClvTierHoldoutTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>The scoring pass's valuation but BG/NBD alone (the Pareto/NBD comparison is not what is checked here).</summary>
    private static readonly ClvOptions Corrected = new(12) { RecentSpend = true, CalibrateTiers = true };

    private static readonly ClvOptions Uncorrected = new(12);

    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    private IReadOnlyList<TierHoldout> Check(DateOnly cut, ClvOptions options, bool mergeDuplicates)
    {
        using var connection = _warehouse.Connect();
        var rows = ClvHoldoutCheck.Run(connection, cut, options, PurchaseTimeUnit.Week, mergeDuplicates)!;
        foreach (var r in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Tier}: {r.Accounts} accounts, before {r.RevenueBefore:N0}, predicted {r.Predicted:N0}, realised {r.Realised:N0}, ratio {r.Ratio:0.000}, purchases {r.PredictedPurchases:N0} / {r.RealisedPurchases:N0}"));
        }

        return rows;
    }

    [Fact]
    public void On_the_demo_company_every_tier_realises_within_0_8_to_1_25_of_its_corrected_12_month_clv()
    {
        var company = _warehouse.Folder.File("company");
        DemoCompany.Write(company, new DemoOptions(new DateOnly(2026, 1, 15)));
        foreach (var report in new FileLoader(_warehouse.Database).LoadAll([company], new LoadOptions()))
        {
            Assert.NotEqual(Ingest.Loading.LoadStatus.Failed, report.Status);
        }

        _warehouse.RefreshMarts();
        var cut = new DateOnly(2024, 12, 31);

        // Uncorrected, key accounts realise 28% more than BG/NBD + Gamma-Gamma promised (1.283: their spend per
        // purchase grows, 56,427 predicted against 69,533 realised) and tiers A and B lie outside the band.
        var before = Check(cut, Uncorrected, mergeDuplicates: true);
        Assert.InRange(before[0].Ratio, 1.27, 1.30);
        Assert.InRange(before[1].Ratio, 1.25, 1.26);

        var after = Check(cut, Corrected, mergeDuplicates: true);
        Assert.Equal(["A", "B", "C"], after.Select(t => t.Tier));
        Assert.All(after, t => Assert.InRange(t.Ratio, 0.8, 1.25));

        // The cut's tiers and realised revenue do not depend on the valuation.
        Assert.Equal(before.Select(t => (t.Accounts, t.RevenueBefore, t.Realised)), after.Select(t => (t.Accounts, t.RevenueBefore, t.Realised)));
    }

    [DatasetFact("cdnow_lifetimes")]
    public void On_cdnow_the_tiers_and_realised_revenue_equal_a_plain_reading_of_the_transactions()
    {
        CdnowFiles.Load(_warehouse, CdnowFiles.Master, "cdnow-master.mapping.json");
        var cut = new DateOnly(1997, 6, 30);
        var end = new DateOnly(1998, 6, 30);

        // CDNOW_master.txt read as text: customer, yyyymmdd, CDs, dollars. Tier by the first 26 weeks' dollars
        // (all of them fall in the 12-month window), largest first, ties by id: A while the share before is below
        // 80%, B below 95%, C after and with no dollars.
        var transactions = File.ReadLines(CdnowFiles.Master).Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => (Customer: f[0], Day: DateOnly.ParseExact(f[1], "yyyyMMdd", CultureInfo.InvariantCulture), Dollars: decimal.Parse(f[3], CultureInfo.InvariantCulture)))
            .ToList();
        var customers = transactions.GroupBy(t => t.Customer, StringComparer.Ordinal).Select(g => (
            Customer: g.Key,
            Before: g.Where(t => t.Day <= cut).Sum(t => t.Dollars),
            After: g.Where(t => t.Day > cut && t.Day <= end).Sum(t => t.Dollars),
            Purchases: g.Where(t => t.Day > cut && t.Day <= end).Select(t => t.Day).Distinct().Count())).ToList();
        var total = customers.Sum(c => c.Before);
        var running = 0m;
        var tiers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in customers.Where(c => c.Before > 0).OrderByDescending(c => c.Before).ThenBy(c => c.Customer, StringComparer.Ordinal))
        {
            tiers[c.Customer] = running / total < 0.80m ? "A" : running / total < 0.95m ? "B" : "C";
            running += c.Before;
        }

        var expected = RevenueTiers.Names.Select(tier =>
        {
            var members = customers.Where(c => tiers.GetValueOrDefault(c.Customer, "C") == tier).ToList();
            return (tier, members.Count, members.Sum(c => c.Before), members.Sum(c => c.After), members.Sum(c => c.Purchases));
        });

        var rows = Check(cut, Corrected, mergeDuplicates: false);
        Assert.Equal(expected, rows.Select(t => (t.Tier, t.Accounts, t.RevenueBefore, t.Realised, t.RealisedPurchases)));

        // Out of sample: the correction is learnt on 1997-04-01..06-30 and checked on the year after. Tier B was 1.311
        // with one spend factor per tier: learnt on the first quarter's mostly one-off buyers of tier B (0.82 of the
        // book's mean they were valued at), it lowered a tier that by the cut was mostly valued right.
        Assert.All(rows, t => Assert.InRange(t.Ratio, 0.8, 1.25));
    }

    [DatasetFact("cdnow_lifetimes")]
    public void On_cdnow_later_cuts_every_corrected_tier_stays_within_the_band_over_the_months_the_data_still_hold()
    {
        CdnowFiles.Load(_warehouse, CdnowFiles.Master, "cdnow-master.mapping.json");

        // The method is not tuned to one cut: later cuts learn on half the history before them (1997-05-17..09-30,
        // 1997-07-02..12-31) and are checked on the 9 and 6 months to the data's end. Uncorrected, tier C realises
        // 0.709 and 0.629 of its forecast there.
        foreach (var (cut, months) in new[] { (new DateOnly(1997, 9, 30), 9), (new DateOnly(1997, 12, 31), 6) })
        {
            Assert.InRange(Check(cut, new ClvOptions(months), mergeDuplicates: false)[2].Ratio, 0.6, 0.75);
            var rows = Check(cut, new ClvOptions(months) { RecentSpend = true, CalibrateTiers = true }, mergeDuplicates: false);
            Assert.All(rows, t => Assert.InRange(t.Ratio, 0.8, 1.25));
        }
    }
}
