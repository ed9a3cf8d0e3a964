using Analytics.Ingest;
using Analytics.Ingest.Demo;
using Analytics.Tests.Support;
using Analytics.Warehouse;
using Analytics.Warehouse.Features;
using Analytics.Warehouse.Marts;

namespace Analytics.Tests.Churn;

/// <summary>
/// No feature looks past its cutoff: everything after the cutoff is rewritten (orders dropped and inflated,
/// tickets moved to other accounts and made complaints rated 1, late responses made later, payments undone,
/// contracts terminated), the marts rebuilt, and every feature and purchase history at the cutoff is the same.
/// </summary>
public sealed class LeakageTests : IDisposable
{
    private static readonly DateOnly Cutoff = new(2025, 6, 30);

    private readonly TempFolder _folder = new();
    private readonly WarehouseDatabase _database;

    public LeakageTests()
    {
        var company = _folder.File("company");
        DemoCompany.Write(company, new DemoOptions(new DateOnly(2026, 1, 15)) { Accounts = 600, Years = 2, Seed = 5 });
        _database = WarehouseDatabase.Open(_folder.File("warehouse.duckdb"));
        _ = new FileLoader(_database).LoadAll([company], new LoadOptions()).ToList();
    }

    [Fact]
    public void Rewriting_everything_after_the_cutoff_changes_no_feature_at_the_cutoff()
    {
        using var connection = _database.Connect();
        // as_of stays put, so only the data after the cutoff changes, not the day the marts are computed for.
        MartSettings.Set(connection, "as_of_date", "2025-12-31");
        new MartBuilder(connection).Refresh();
        var tables = new FeatureTables(connection);
        tables.Build([Cutoff, Cutoff.AddDays(90)]);
        var before = Snapshot(tables.Read());

        var cutoff = Cutoff.ToDateTime(TimeOnly.MinValue);
        var end = "timezone('Asia/Shanghai', ($1::date + 1)::timestamp)";
        connection.Execute("delete from core.order_lines where order_id in (select order_id from core.orders where order_date > $1 and hash(order_id) % 2 = 0)", cutoff);
        connection.Execute("delete from core.orders where order_date > $1 and hash(order_id) % 2 = 0", cutoff);
        connection.Execute("update core.order_lines set unit_price = unit_price * 3 where order_id in (select order_id from core.orders where order_date > $1)", cutoff);
        connection.Execute("update core.orders set amount = amount * 3, paid_date = null where order_date > $1", cutoff);
        connection.Execute("update core.orders set paid_date = null where paid_date > $1", cutoff);
        connection.Execute($"""
            update core.tickets set kind = 'complaint', satisfaction = 1,
                account_id = (select max(account_id) from core.accounts)
            where opened_at >= {end}
            """, cutoff);
        connection.Execute($"update core.tickets set first_response_at = first_response_at + interval 30 day where first_response_at >= {end} and opened_at < {end}", cutoff);
        connection.Execute($"update core.tickets set onsite_at = onsite_at + interval 30 day where onsite_at >= {end} and opened_at < {end}", cutoff);
        connection.Execute($"update core.tickets set satisfaction = 1 where coalesce(closed_at, resolved_at) >= {end}", cutoff);
        connection.Execute("update core.contracts set terminated_on = $1::date + 1 where terminated_on is null or terminated_on > $1", cutoff);
        new MartBuilder(connection).Refresh();
        tables.Build([Cutoff, Cutoff.AddDays(90)]);
        var after = Snapshot(tables.Read());

        Assert.Equal(before[Cutoff], after[Cutoff]);
        // The rewrite was real: the same features 90 days later, which may see it, did change.
        Assert.NotEqual(before[Cutoff.AddDays(90)], after[Cutoff.AddDays(90)]);
        Assert.True(before[Cutoff].Count > 300, $"{before[Cutoff].Count} accounts at the cutoff");
    }

    private static Dictionary<DateOnly, List<string>> Snapshot(IReadOnlyList<FeatureRow> rows) =>
        rows.GroupBy(r => r.Cutoff).ToDictionary(
            g => g.Key,
            g => g.Select(r => $"{r.MasterAccountId} {string.Join(' ', r.Values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))} {r.IsActive} {r.LastValue} {r.Frequency} {r.RecencyDays} {r.AgeDays} {r.MeanRepeatSpend}").ToList());

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }
}
