using System.Globalization;
using System.Text.Json;
using Analytics.ReportApi.Access;

namespace Analytics.Tests.Security;

/// <summary>
/// Issue 14, item 2: an East-only key read the whole book's ranks, cumulative values and shares (dividing gave the
/// company total, differences between rows single foreign accounts' revenue), the whole book's 80/20 headline, tier
/// migrations and churn rates. Now every figure it sees is computed over its region's companies, and a company
/// (master and duplicates) belongs to its master's region everywhere: OData, tiers, charts and campaign previews.
/// Figures by hand in <see cref="RegionBooks"/>.
/// </summary>
public sealed class RegionalFiguresTests(RegionBooks books) : IClassFixture<RegionBooks>
{
    private static decimal Number(JsonElement row, string property) => row.GetProperty(property).GetDecimal();

    [Fact]
    public async Task An_east_key_reads_the_pareto_curve_tiers_and_headline_of_the_east_alone()
    {
        using var east = books.First.EastManager();

        var curve = await RegionBook.Rows(east, "/odata/ParetoCurve?$orderby=Rank");
        Assert.Equal(["1 E1 120000 120000 0.8", "2 E2 30000 150000 1"], curve.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{Number(r, "Rank")} {r.GetProperty("MasterAccountId").GetString()} {Number(r, "Value"):0.##} {Number(r, "CumulativeValue"):0.##} {Number(r, "ValueShare"):0.##}")));

        var tiers = await RegionBook.Rows(east, "/odata/AccountTiers?$orderby=MasterAccountId");
        Assert.Equal(["E1 1 120000 0.8 B", "E2 2 150000 1 C"], tiers.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.GetProperty("MasterAccountId").GetString()} {Number(r, "Rank")} {Number(r, "CumulativeValue"):0.##} {Number(r, "CumulativeShare"):0.##} {r.GetProperty("Tier").GetString()}")));

        var headline = Assert.Single(await RegionBook.Rows(east, "/odata/ParetoHeadline"));
        Assert.Equal(RegionBooks.EastTotal, Number(headline, "TotalValue"));
        Assert.Equal(2m, Number(headline, "RankedAccounts"));
        Assert.Equal(1m, Number(headline, "TopAccounts"));
        Assert.Equal(120_000m, Number(headline, "TopValue"));
        Assert.Equal(0m, Number(headline, "TierAAccounts"));

        var segments = await RegionBook.Rows(east, "/odata/AccountSegments?$orderby=AccountId");
        Assert.Equal(["E1 1", "E1D 1", "E2 2"], segments.Select(r => $"{r.GetProperty("AccountId").GetString()} {r.GetProperty("Rank")}"));

        // The admin still reads the whole book, where N1 leads.
        var whole = await RegionBook.Rows(books.First.Admin(), "/odata/ParetoCurve?$orderby=Rank");
        Assert.Equal(1_150_000m, Number(whole[^1], "CumulativeValue"));
    }

    [Fact]
    public async Task An_east_key_counts_only_east_companies_in_tier_migrations_and_churn_rates()
    {
        using var east = books.First.EastManager();
        var migrations = await RegionBook.Rows(east, "/odata/TierMigrations");
        Assert.NotEmpty(migrations);
        var pairs = migrations.GroupBy(r => $"{r.GetProperty("FromMonth")} {r.GetProperty("ToMonth")}");
        Assert.All(pairs, pair => Assert.Equal(2m, pair.Sum(r => Number(r, "Accounts"))));

        // The East key's "everyone" is the admin's East group, period by period.
        var rates = await RegionBook.Rows(east, "/odata/ChurnRates");
        Assert.All(rates.Where(r => r.GetProperty("Dimension").GetString() == "region"), r => Assert.Equal(RegionBooks.East, r.GetProperty("GroupValue").GetString()));
        var admin = await RegionBook.Rows(books.First.Admin(), "/odata/ChurnRates?$filter=Dimension eq 'region' and GroupValue eq '华东'");
        static string Figures(JsonElement r) => $"{r.GetProperty("PeriodStart")} {r.GetProperty("PeriodEnd")} {r.GetProperty("AccountsAtRisk")} {r.GetProperty("Churned")}";
        Assert.NotEmpty(admin);
        Assert.Equal(admin.Select(Figures).Order(), rates.Where(r => r.GetProperty("Dimension").GetString() == "all").Select(Figures).Order());
    }

    [Fact]
    public async Task A_company_belongs_to_its_master_s_region_in_odata_tiers_and_previews_alike()
    {
        using var east = books.Second.EastManager();
        var accounts = await RegionBook.Rows(east, "/odata/Accounts?$select=AccountId&$orderby=AccountId");
        Assert.Equal(["E1", "E1D", "E2"], accounts.Select(a => a.GetProperty("AccountId").GetString()));

        var orders = await RegionBook.Rows(east, "/odata/Orders?$apply=filter(OrderDate ge 2024-07-01)/aggregate(NetAmount with sum as Total)");
        Assert.Equal(RegionBooks.EastTotal, Number(Assert.Single(orders), "Total"));
        var tiers = await RegionBook.Rows(east, "/odata/AccountTiers");
        Assert.Equal(RegionBooks.EastTotal, tiers.Sum(t => Number(t, "Value")));
        var preview = await RegionBook.Post(books.Second.Client(Roles.Marketing, RegionBooks.East), "/api/targets/preview", "{}");
        Assert.Equal(RegionBooks.EastTotal, Number(preview, "revenue12m"));
        Assert.Equal(2m, Number(preview, "members"));

        // The North's key reads the North's companies: N1 and N3 with N3D, never E1D.
        using var north = books.Second.Client(Roles.Manager, "华北");
        var northAccounts = await RegionBook.Rows(north, "/odata/Accounts?$select=AccountId&$orderby=AccountId");
        Assert.Equal(["N1", "N3", "N3D"], northAccounts.Select(a => a.GetProperty("AccountId").GetString()));
        var northOrders = await RegionBook.Rows(north, "/odata/Orders?$apply=aggregate(NetAmount with sum as Total)");
        Assert.Equal(1_008_000m, Number(Assert.Single(northOrders), "Total"));
    }
}
