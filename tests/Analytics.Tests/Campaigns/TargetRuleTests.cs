using System.Net;
using System.Text;
using System.Text.Json;
using Analytics.ReportApi.Access;
using Analytics.Tests.Access;

namespace Analytics.Tests.Campaigns;

/// <summary>The demo company that tests only read, shared by the classes of this collection (loading it takes seconds).</summary>
[CollectionDefinition(Name)]
public sealed class CampaignCompanyReaders : ICollectionFixture<CampaignCompany>
{
    public const string Name = "campaign company, read only";
}

/// <summary>Target rules: what they select, and the 400s of rules that are not rules.</summary>
[Collection(CampaignCompanyReaders.Name)]
public sealed class TargetRuleTests(CampaignCompany company)
{
    [Fact]
    public async Task A_rule_that_is_not_one_is_a_400_with_a_sentence()
    {
        var marketing = company.Client(DemoKeys.Marketing);
        foreach (var (body, words) in new[]
        {
            ("""{"tier":["A"]}""", "'tier'"),
            ("""{"tiers":["D"]}""", "no tier 'D'"),
            ("""{"levels":[0]}""", "no level 0"),
            ("""{"minChurnProbability":1.5}""", "between 0 and 1"),
            ("""{"regions":[]}""", "at least one value"),
            ("""{"tiers":"A"}""", "not valid JSON"),
            ("not json", "not valid JSON"),
            // A list longer than a target needs: each value would be a parameter of the preview's plan.
            ("{\"regions\":[" + string.Join(",", Enumerable.Range(0, 1001).Select(i => $"\"r{i}\"")) + "]}", "at most 1,000 values"),
            // A body of megabytes (the probe sent 2.9 MB) is refused before it is read as JSON.
            ("{\"industries\":[\"" + new string('x', 3_000_000) + "\"]}", "over 64 KB"),
        })
        {
            using var response = await marketing.PostAsync(new Uri("/api/targets/preview", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(words, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        await HttpJson.Send(marketing, HttpMethod.Post, "/api/campaigns", """{"name":"x","rule":{},"controlFraction":1}""", HttpStatusCode.BadRequest);
        await HttpJson.Send(marketing, HttpMethod.Post, "/api/campaigns", """{"name":"x","targetId":999999}""", HttpStatusCode.BadRequest);
        await HttpJson.Send(marketing, HttpMethod.Post, "/api/campaigns", """{"name":"x"}""", HttpStatusCode.BadRequest);
        await HttpJson.Send(marketing, HttpMethod.Post, "/api/targets", """{"name":"","rule":{}}""", HttpStatusCode.BadRequest);
        await HttpJson.Send(marketing, HttpMethod.Get, "/api/campaigns/999999/members.xlsx", null, HttpStatusCode.NotFound);
        await HttpJson.Send(marketing, HttpMethod.Get, "/api/targets/999999", null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Regions_and_industries_no_company_has_are_a_400_naming_them_within_the_readers_regions()
    {
        var marketing = company.Client(DemoKeys.Marketing);
        var regions = string.Join(", ", company.Scalar<string>("select string_agg(distinct region, '|') from core.accounts").Split('|').Order(StringComparer.Ordinal));
        var industry = company.Scalar<string>("select min(industry) from core.accounts");

        // 华東 is 华东 in traditional script: a typo that would target nobody.
        foreach (var (path, body) in new[]
        {
            ("/api/targets/preview", """{"regions":["华东","华東"]}"""),
            ("/api/targets", """{"name":"x","rule":{"regions":["华東"]}}"""),
            ("/api/campaigns", """{"name":"x","rule":{"regions":["华東"]}}"""),
        })
        {
            var error = await HttpJson.Send(marketing, HttpMethod.Post, path, body, HttpStatusCode.BadRequest);
            Assert.Equal($"No company you may see has the region '华東'; the regions are {regions}.", error.GetProperty("error").GetString());
        }

        var industries = await HttpJson.Send(marketing, HttpMethod.Post, "/api/targets/preview", $$"""{"industries":["{{industry}}","Shipbuilding","Mining"]}""", HttpStatusCode.BadRequest);
        Assert.StartsWith("No company you may see has the industries 'Shipbuilding', 'Mining'; the industries are ", industries.GetProperty("error").GetString(), StringComparison.Ordinal);

        // A key limited to 华东 knows no other region: naming one is the same 400, not an empty list.
        var east = company.Client(CampaignCompany.MarketingEastKey);
        var north = await HttpJson.Send(east, HttpMethod.Post, "/api/targets/preview", """{"regions":["华北"]}""", HttpStatusCode.BadRequest);
        Assert.Equal("No company you may see has the region '华北'; the regions are 华东.", north.GetProperty("error").GetString());

        var known = await HttpJson.Send(marketing, HttpMethod.Post, "/api/targets/preview", $$"""{"regions":["华东"],"industries":["{{industry}}"]}""", HttpStatusCode.OK);
        Assert.True(known.GetProperty("members").GetInt64() > 0);
    }

    [Fact]
    public async Task A_cancel_by_rule_and_a_predicted_value_rule_select_what_SQL_over_the_marts_selects()
    {
        var marketing = company.Client(DemoKeys.Marketing);
        var within180 = company.Scalar<long>("""
            select count(*) from marts.account_segments s
            where s.is_master and s.account_id in (
                select m.master_account_id from marts.contract_status c join marts.account_merge_map m using (account_id)
                where c.cancel_by between date '2025-09-30' and date '2025-09-30' + 180)
            """);
        var preview = await HttpJson.Send(marketing, HttpMethod.Post, "/api/targets/preview", """{"cancelByWithinDays":180}""", HttpStatusCode.OK);
        Assert.Equal(within180, preview.GetProperty("members").GetInt64());
        Assert.True(within180 > 0);

        var valuable = company.Scalar<long>("""
            select count(*) from marts.account_segments s join models.account_scores c using (account_id)
            where s.is_master and c.score_run_id = 2 and c.predicted_value >= 100000 and s.level in (1, 2, 3)
            """);
        preview = await HttpJson.Send(marketing, HttpMethod.Post, "/api/targets/preview", """{"minPredictedValue":100000,"levels":[1,2,3]}""", HttpStatusCode.OK);
        Assert.Equal(valuable, preview.GetProperty("members").GetInt64());
    }

}
