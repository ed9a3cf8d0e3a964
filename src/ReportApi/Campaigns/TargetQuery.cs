using Analytics.Warehouse;
namespace Analytics.ReportApi.Campaigns;

/// <summary>
/// Compiles a <see cref="TargetRule"/> into SQL over the marts and scores. Every value of the rule is a
/// parameter; the only SQL text that varies is which fixed conditions appear, plus the reader's account filter.
/// </summary>
public static class TargetQuery
{
    /// <summary>
    /// Grain: one row per master account (a company is targeted once), where it stands today. revenue_12m: net
    /// order value of the company (its duplicates included) in the as_of month and the 11 before it. Scores come
    /// from the latest scoring pass; churn_probability_change compares it with the pass before. cancel_by: the
    /// earliest day, today or later, by which a notice stops one of its contracts renewing. top_reasons: the first three
    /// reasons raising its churn risk, in English.
    /// </summary>
    public const string Candidates = """
        with as_of as (
            select as_of_date, (date_trunc('month', as_of_date) - interval 11 month)::date as window_start from marts.as_of
        ), runs as (
            select max(score_run_id) as current_run,
                   max(score_run_id) filter (where score_run_id < (select max(score_run_id) from models.score_runs)) as previous_run
            from models.score_runs
        ), revenue as (
            select m.master_account_id as account_id, sum(o.net_amount) as revenue_12m
            from marts.orders o
            join marts.account_merge_map m using (account_id)
            cross join as_of w
            where o.order_date between w.window_start and w.as_of_date
            group by m.master_account_id
        ), renewals as (
            select m.master_account_id as account_id, min(c.cancel_by) as cancel_by
            from marts.contract_status c
            join marts.account_merge_map m using (account_id)
            where c.days_to_cancel_by >= 0
            group by m.master_account_id
        ), candidates as (
            select
                s.account_id,
                s.name,
                a.region,
                a.industry,
                s.tier,
                s.level::integer as level,
                s.lifecycle_stage,
                cur.churn_probability,
                cur.churn_probability - prev.churn_probability as churn_probability_change,
                cur.predicted_value,
                round(coalesce(r.revenue_12m, 0), 2)::decimal(18,2) as revenue_12m,
                n.cancel_by,
                n.cancel_by - w.as_of_date as days_to_cancel_by,
                -- Why the company is at risk, as ChurnReason.WhyAtRisk reads it: the reasons that raise the risk (effect above 0).
                nullif(array_to_string(list_slice(list_transform(
                    list_filter(json_extract(cur.churn_reasons, '$[*]'), lambda r: (r->>'effect')::double > 0),
                    lambda r: r->>'en'), 1, 3), '; '), '') as top_reasons
            from marts.account_segments s
            join core.accounts a using (account_id)
            cross join as_of w
            cross join runs
            left join models.account_scores cur on cur.account_id = s.account_id and cur.score_run_id = runs.current_run
            left join models.account_scores prev on prev.account_id = s.account_id and prev.score_run_id = runs.previous_run
            left join revenue r on r.account_id = s.account_id
            left join renewals n on n.account_id = s.account_id
            where s.is_master
        )
        """;

    /// <summary>
    /// A select of the candidates the rule and the reader's account filter keep (<c>scopeFilter</c> is a predicate
    /// on <c>account_id</c>, from the access scope), numbering its values in <paramref name="parameters"/>.
    /// </summary>
    public static string Members(TargetRule rule, string scopeFilter, SqlParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(parameters);
        rule.Validate();
        var conditions = new List<string> { $"({scopeFilter})" };
        if (rule.Tiers is { } tiers)
        {
            conditions.Add($"tier in {parameters.List(tiers)}");
        }

        if (rule.Levels is { } levels)
        {
            conditions.Add($"level in {parameters.List(levels)}");
        }

        if (rule.Regions is { } regions)
        {
            conditions.Add($"region in {parameters.List(regions)}");
        }

        if (rule.Industries is { } industries)
        {
            conditions.Add($"industry in {parameters.List(industries)}");
        }

        if (rule.LifecycleStages is { } stages)
        {
            conditions.Add($"lifecycle_stage in {parameters.List(stages)}");
        }

        if (rule.MinChurnProbability is { } minChurn)
        {
            conditions.Add($"churn_probability >= {parameters.Add(minChurn)}");
        }

        if (rule.ChurnRiskRising is { } rising)
        {
            conditions.Add(rising ? "churn_probability_change > 0" : "churn_probability_change <= 0");
        }

        if (rule.CancelByWithinDays is { } days)
        {
            conditions.Add($"days_to_cancel_by <= {parameters.Add(days)}");
        }

        if (rule.MinPredictedValue is { } minValue)
        {
            conditions.Add($"predicted_value >= {parameters.Add(minValue)}");
        }

        if (rule.MinRevenue12m is { } minRevenue)
        {
            conditions.Add($"revenue_12m >= {parameters.Add(minRevenue)}");
        }

        if (rule.AccountIds is { } accountIds)
        {
            conditions.Add($"account_id in ({MastersOf(accountIds, parameters)})");
        }

        if (rule.GroupIds is { } groupIds)
        {
            conditions.Add($"account_id in (select g.account_id from marts.group_members g where g.group_id in ({MastersOf(groupIds, parameters)}))");
        }

        return $"{Candidates}\nselect * from candidates\nwhere {string.Join("\n  and ", conditions)}";
    }

    /// <summary>The companies (master accounts) of the listed account ids: a duplicate record's id names its company.</summary>
    public static string MastersOf(IReadOnlyList<string> accountIds, SqlParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return $"select master_account_id from marts.account_merge_map where account_id in {parameters.List(accountIds)}";
    }
}
