-- Realised churn ROC AUC of every evaluated scoring pass (models.pass_outcomes), by the pass's day, for the selected
-- tier ($2; every tier when null). With no region chosen, a caller who sees every company reads the whole book's
-- rows; otherwise one row per pass for each region among the companies it sees (its own regions, or the chosen one),
-- so a region-limited caller never reads a figure computed over other regions' companies. The version's trained
-- AUC (its holdout's, over the whole book) comes only with the whole book's rows.
with {{companies}}, everyone as (
    select not exists (select 1 from core.accounts a where not {{visible:a.account_id}}) as sees_all
), shown_regions as (
    select distinct region from companies
), final as (
    select
        o.as_of,
        o.score_run_id,
        o.region,
        o.accounts,
        o.churned,
        o.roc_auc,
        case when o.region = 'all' then o.trained_roc_auc end as trained_roc_auc,
        o.out_of_time
    from models.pass_outcomes o
    cross join params p
    where o.model = 'churn'
        and o.tier = coalesce(p.tier, 'all')
        and case
            when p.region is null and (select sees_all from everyone) then o.region = 'all'
            else o.region in (select region from shown_regions)
        end
)
select * from final order by region, as_of
