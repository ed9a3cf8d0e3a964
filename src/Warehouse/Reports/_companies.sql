-- Included by every report as {{companies}}: the query's parameters, its window, and the companies it may show.
-- $1 window_months: the N calendar months ending with the as_of month (that month up to as_of), as the marts count.
-- $2 tier (A, B, C) and $3 region narrow the companies; null means all. A company is its master account: it
-- counts once, with its master's current tier and region, and the caller's access scope is applied to the master.
params as (
    select $1::integer as window_months, $2::varchar as tier, $3::varchar as region
), report_window as (
    select
        (date_trunc('month', a.as_of_date) - to_months(p.window_months - 1))::date as window_start,
        a.as_of_date as window_end
    from marts.as_of a, params p
), companies as (
    select t.master_account_id, t.name, t.tier, coalesce(a.region, '(none)') as region, coalesce(a.industry, '(none)') as industry
    from marts.account_tiers t
    join core.accounts a on a.account_id = t.master_account_id
    cross join params p
    where (p.tier is null or t.tier = p.tier)
        and (p.region is null or a.region = p.region)
        and {{visible:t.master_account_id}}
)
