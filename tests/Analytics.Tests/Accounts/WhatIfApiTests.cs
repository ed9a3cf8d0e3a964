using System.Net;
using System.Text;
using System.Text.Json;
using Analytics.ReportApi.Access;
using Analytics.Tests.ModelRuns;
using Analytics.Tests.Support;
using Analytics.Warehouse;

namespace Analytics.Tests.Accounts;

/// <summary>
/// POST /api/accounts/{id}/whatif on the trained demo company through the real app: a stored action's change gives its
/// stored estimate, a duplicate's id re-scores its company, bad bodies are 400s with a sentence, and a key limited to
/// another region gets the 404 of an account that is not there.
/// </summary>
[Collection(TrainedDemoGroup.Name)]
public sealed class WhatIfApiTests(TrainedDemoFixture demo) : IDisposable
{
    private readonly AnalyticsFactory _service = new(demo.Database);

    public void Dispose() => _service.Dispose();

    private async Task<(HttpStatusCode Status, string Body)> Post(string account, string body, string role = Roles.Manager, string? region = null)
    {
        using var client = _service.Client(_service.Key(role, region is null ? null : [region]));
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri($"/api/accounts/{Uri.EscapeDataString(account)}/whatif", UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_stored_actions_change_gives_its_stored_estimate_for_the_company_and_its_region_alone()
    {
        var action = demo.Rows("""
            select a.account_id, a.feature, a.healthy_value, a.churn_probability, a.probability_after, c.region
            from models.next_actions a join core.accounts c using (account_id)
            where a.score_run_id = (select max(score_run_id) from models.score_runs) order by a.account_id, a.rank limit 1
            """, r => (Id: r.Get<string>("account_id"), Feature: r.Get<string>("feature"), Healthy: r.Get<double>("healthy_value"),
                P: r.Get<double>("churn_probability"), After: r.Get<double>("probability_after"), Region: r.Get<string>("region"))).Single();
        var body = JsonSerializer.Serialize(new { changes = new Dictionary<string, double> { [action.Feature] = action.Healthy } });

        var (status, text) = await Post(action.Id, body);
        Assert.Equal(HttpStatusCode.OK, status);
        var answer = JsonDocument.Parse(text).RootElement;
        Assert.Equal(action.Id, answer.GetProperty("masterAccountId").GetString());
        Assert.Equal(action.P, answer.GetProperty("churnProbability").GetDouble(), 1e-6);
        Assert.Equal(action.After, answer.GetProperty("probabilityAfter").GetDouble(), 1e-6);
        Assert.Equal(action.Feature, answer.GetProperty("changes")[0].GetProperty("feature").GetString());

        var other = demo.Scalar<string>("select min(region) from core.accounts where region <> $1", action.Region);
        var (foreign, sentence) = await Post(action.Id, body, Roles.Analyst, other);
        Assert.Equal(HttpStatusCode.NotFound, foreign);
        Assert.Equal($$"""{"error":"There is no account '{{action.Id}}' you may see."}""", sentence);
        Assert.Equal(HttpStatusCode.OK, (await Post(action.Id, body, Roles.Analyst, action.Region)).Status);
    }

    [Fact]
    public async Task A_duplicates_id_re_scores_its_company()
    {
        var duplicate = demo.Rows("""
            select m.account_id, m.master_account_id from marts.account_merge_map m
            join models.scored_features f on f.account_id = m.master_account_id
            where not m.is_master and f.score_run_id = (select max(score_run_id) from models.score_runs)
            order by m.account_id limit 1
            """, r => (Id: r.Get<string>("account_id"), Master: r.Get<string>("master_account_id"))).Single();
        var (status, text) = await Post(duplicate.Id, """{"changes":{"complaints_90d":0}}""");
        Assert.Equal(HttpStatusCode.OK, status);
        var answer = JsonDocument.Parse(text).RootElement;
        Assert.Equal((duplicate.Id, duplicate.Master), (answer.GetProperty("accountId").GetString(), answer.GetProperty("masterAccountId").GetString()));
    }

    [Theory]
    [InlineData("""{"changes":{"recency_days":1}}""", "'recency_days' is not an actionable feature; a what-if changes only contract_days_to_end, sla_breaches_90d, overdue_amount, order_trend, complaints_90d, margin_365d.")]
    [InlineData("""{"changes":{"sla_breaches_90d":"none"}}""", "The new value of 'sla_breaches_90d' must be a number, not \"none\".")]
    [InlineData("""{"changes":{}}""", "Name at least one feature to change; actionable features: contract_days_to_end, sla_breaches_90d, overdue_amount, order_trend, complaints_90d, margin_365d.")]
    [InlineData("""[1,2]""", "The body must be JSON like {\"changes\":{\"sla_breaches_90d\":0}}.")]
    [InlineData("""not json""", "The body must be JSON like {\"changes\":{\"sla_breaches_90d\":0}}; it is not JSON.")]
    public async Task A_bad_body_is_a_400_with_a_sentence(string body, string sentence)
    {
        var (status, text) = await Post("KA0000001", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(sentence, JsonDocument.Parse(text).RootElement.GetProperty("error").GetString());
    }
}
