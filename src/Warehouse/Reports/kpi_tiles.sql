-- The dashboard's tiles for the selection: revenue in the window, the key accounts' (tier A) share of it,
-- key accounts at high churn risk (null before any score run), the SLA breach rate over the window's months,
-- and the contracts whose next event (renewal or end) falls within 90 days.
with {{companies}}, revenue as (
    -- marts.revenue_by_month, as BI tools read it (RevenueByMonth): a region's companies per row.
    select sum(r.revenue) as revenue, sum(r.revenue) filter (where r.tier = 'A') as key_revenue
    from marts.revenue_by_month r
    cross join report_window w
    cross join params p
    where r.month between w.window_start and w.window_end
        and (p.tier is null or r.tier = p.tier)
        and (p.region is null or r.region = p.region)
        and r.region in (select region from companies)
), at_risk as (
    select case when exists (select 1 from models.score_runs) then count(*) end as key_accounts_at_risk
    from companies c join models.current_scores s on s.account_id = c.master_account_id
    where c.tier = 'A' and s.churn_risk_band = 'high'
), sla as (
    -- marts.sla_by_month_region, as BI tools read it (SlaByMonthRegion).
    select sum(s.breached_tickets) / nullif(sum(s.measured_tickets), 0) as breach_rate
    from marts.sla_by_month_region s
    cross join report_window w
    cross join params p
    where s.month between w.window_start and w.window_end
        and (p.tier is null or s.tier = p.tier)
        and (p.region is null or s.region = p.region)
        and s.region in (select region from companies)
), renewals as (
    select count(*) as renewals_90_days
    from marts.contract_status s
    join marts.account_merge_map m on m.account_id = s.account_id
    join companies c using (master_account_id)
    where s.due_within_days is not null
), final as (
    select
        (select as_of_date from marts.as_of) as as_of,
        coalesce(r.revenue, 0) as revenue,
        coalesce(r.key_revenue, 0) / nullif(r.revenue, 0) as key_account_share,
        k.key_accounts_at_risk,
        l.breach_rate,
        n.renewals_90_days
    from revenue r, at_risk k, sla l, renewals n
)
select * from final
