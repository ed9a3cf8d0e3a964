-- Grain: one row per master account that ordered in the critical-account window.
-- key: master_account_id
-- not null: orders, revenue, orders_above_share, revenue_above_share, high_frequency, high_volume, high_margin, is_critical_account
-- references: master_account_id -> core.accounts.account_id
-- Critical accounts (关键客户): "购买频率高、购买量大、利润率高" — high purchase frequency, high volume and high
-- margin together. Not the 80/20 key accounts (大客户, tier A), which rank by value alone. Over the
-- critical.window_months calendar months ending with the as_of month (that month up to as_of), per company
-- (master account): orders, revenue (net sales: quantities of different products do not add, so volume is
-- money) and margin_pct = (net - cost) / net over the orders whose cost is known (null when none is, or their net
-- is zero). For each measure, *_above_share is the share of the window's ordering companies with a strictly
-- greater figure (ties share a place; a company of unknown margin counts for no one's margin). A measure is high
-- when that share is below critical.top_share (0.30: the company is in the top 30%); the company is critical when
-- all three are high.
with settings as (
    select
        (date_trunc('month', a.as_of_date) - to_months(w.value::integer - 1))::date as window_start,
        a.as_of_date,
        case when try_cast(s.value as double) > 0 and try_cast(s.value as double) <= 1 then s.value::double
             else error('critical.top_share must be a share above 0 and at most 1, not ' || s.value) end as top_share
    from marts.as_of a
    join meta.settings w on w.key = 'critical.window_months'
    join meta.settings s on s.key = 'critical.top_share'
), companies as (
    select
        m.master_account_id,
        count(*) as orders,
        sum(o.net_amount) as revenue,
        sum(o.net_amount - o.cost_amount) filter (where o.cost_amount is not null) as profit,
        sum(o.net_amount) filter (where o.cost_amount is not null) as costed_revenue
    from marts.orders o
    join marts.account_merge_map m using (account_id)
    cross join settings s
    where o.order_date between s.window_start and s.as_of_date
    group by m.master_account_id
), measured as (
    select
        master_account_id,
        orders,
        revenue,
        profit / nullif(costed_revenue, 0) as margin_pct,
        count(*) over () as companies
    from companies
), placed as (
    -- rank() - 1 is how many companies have a strictly greater figure; nulls last, so they pass no one.
    select
        *,
        (rank() over (order by orders desc) - 1) / companies as orders_above_share,
        (rank() over (order by revenue desc) - 1) / companies as revenue_above_share,
        case when margin_pct is not null then (rank() over (order by margin_pct desc nulls last) - 1) / companies end as margin_above_share
    from measured
), final as (
    select
        p.master_account_id,
        p.orders,
        p.revenue,
        p.margin_pct,
        p.orders_above_share,
        p.revenue_above_share,
        p.margin_above_share,
        p.orders_above_share < s.top_share as high_frequency,
        p.revenue_above_share < s.top_share as high_volume,
        coalesce(p.margin_above_share < s.top_share, false) as high_margin,
        p.orders_above_share < s.top_share and p.revenue_above_share < s.top_share
            and coalesce(p.margin_above_share < s.top_share, false) as is_critical_account
    from placed p
    cross join settings s
)
select * from final
