using Analytics.Ingest;
using Analytics.Ingest.Demo;
using Analytics.Ingest.Loading;
using Analytics.ReportApi.Access;
using Analytics.Tests.Access;
using Analytics.Tests.Support;
using Analytics.Warehouse;

namespace Analytics.Tests.Campaigns;

/// <summary>
/// A small demo company (240 accounts, 2 years) loaded through the real loader, with the demo keys, two scoring
/// passes written by hand (the models are another issue's), the marts built as of <see cref="CampaignDay"/>, and
/// the service running on it in memory.
/// </summary>
public sealed class CampaignCompany : IAsyncLifetime
{
    /// <summary>Fixed, so the data ends on 2025-12-31 and every figure stays the same.</summary>
    public static DemoOptions Options { get; } = new(new DateOnly(2026, 1, 15)) { Accounts = 240, Years = 2, Seed = 11 };

    /// <summary>The day campaigns are frozen: three months before the data ends, so an outcome has months to count.</summary>
    public static DateOnly CampaignDay { get; } = new(2025, 9, 30);

    public const string MarketingEastKey = "test-marketing-east-key";
    public const string RevokedKey = "test-revoked-key";

    public TestWarehouse Warehouse { get; } = new();

    public AnalyticsFactory Server { get; private set; } = null!;

    public Task InitializeAsync()
    {
        var folder = Warehouse.Folder.File("demo");
        DemoCompany.Write(folder, Options);
        foreach (var report in new FileLoader(Warehouse.Database).LoadAll([folder], new LoadOptions()))
        {
            Assert.Equal(LoadStatus.Loaded, report.Status);
        }

        using (var connection = Warehouse.Connect())
        {
            DemoKeys.Store(connection);
            ApiKeyStore.Store(connection, Roles.Marketing, [DemoKeys.EastRegion], "marketing, East only", MarketingEastKey);
            var revoked = ApiKeyStore.Store(connection, Roles.Admin, null, "revoked admin", RevokedKey);
            ApiKeyStore.Revoke(connection, revoked.KeyId);
            WriteScores(connection);
        }

        Warehouse.RefreshMarts(("as_of_date", CampaignDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Server = new AnalyticsFactory(Warehouse.Database);
        Server.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Warehouse.Dispose();
    }

    public HttpClient Client(string? key = null) => Server.Client(key);

    /// <summary>
    /// One campaign over every company (all regions, contacts consenting or not), 25% held out by seed 3, frozen
    /// by the demo admin the first time a test asks and dated back to 2025-06-30: what the read-only tests look at
    /// through each role.
    /// </summary>
    public Task<long> EveryoneCampaign => _everyoneCampaign ??= FreezeEveryoneAsync();

    private Task<long>? _everyoneCampaign;

    private async Task<long> FreezeEveryoneAsync()
    {
        var campaign = await HttpJson.Send(Client(DemoKeys.Admin), HttpMethod.Post, "/api/campaigns",
            """{"name":"everyone","rule":{},"controlFraction":0.25,"seed":3,"frozenOn":"2025-06-30"}""", System.Net.HttpStatusCode.Created);
        // Dated back a quarter, so its outcome has orders to count within the marts' as_of day.
        Assert.Equal("2025-06-30", campaign.GetProperty("frozenOn").GetString());
        return campaign.GetProperty("campaignId").GetInt64();
    }

    public T Scalar<T>(string sql, params object?[] parameters) => Warehouse.Scalar<T>(sql, parameters);

    /// <summary>
    /// Two scoring passes over every account, from its number n (KA0000123: 123): churn probability (n mod 10)/10
    /// then (7n mod 10)/10, so about half the accounts' risk rises; the second pass predicts 1000 x n for even n only
    /// (odd ones are unscored for value) and gives four reasons, strongest first.
    /// </summary>
    private static void WriteScores(DuckDB.NET.Data.DuckDBConnection connection)
    {
        connection.Execute("""
            insert into models.score_runs (score_run_id, scored_at, as_of, data_version, accounts)
            values (1, '2025-09-01 00:00:00+00', '2025-08-31', 1, 0), (2, '2025-10-01 00:00:00+00', '2025-09-30', 1, 0);
            insert into models.account_scores (score_run_id, account_id, as_of, churn_probability, predicted_value, churn_reasons)
            select r.run, a.account_id, r.as_of,
                case r.run when 1 then (n % 10) / 10.0 else ((n * 7) % 10) / 10.0 end,
                case when r.run = 2 and n % 2 = 0 then (n * 1000)::decimal(18,2) end,
                case when r.run = 2 then '[{"feature":"tickets","value":9,"effect":0.3,"en":"more service tickets","zh":"服务工单增多"},{"feature":"breaches","value":4,"effect":0.2,"en":"breached SLAs","zh":"SLA超时"},{"feature":"orders","value":-0.4,"effect":0.1,"en":"falling orders","zh":"订单减少"},{"feature":"late","value":2,"effect":0.05,"en":"late payments","zh":"逾期付款"}]' end
            from (select account_id, cast(substr(account_id, 3) as integer) as n from core.accounts) a,
                 (values (1, date '2025-08-31'), (2, date '2025-09-30')) r(run, as_of)
            """);
    }
}
