-- Grain: one row per master account per month of the history (history.months before the as_of month, through
-- it), from the month of its first order on. A month without orders has its row.
-- key: master_account_id, month
-- refresh by: master_account_id, month onwards
-- as_of moves: months onwards, kept from
--     select (date_trunc('month', as_of_date) - to_months(value::integer))::date from marts.as_of, meta.settings where key = 'history.months'
-- not null: month_end, tenure_months, orders, recent_orders, previous_orders, lifecycle_stage
-- accepted: lifecycle_stage in (exploration, formation, stability, decline, churned)
-- references: master_account_id -> core.accounts.account_id
-- Refreshed by account from the earliest touched order's month on: a month's row reads its own and earlier months'
-- orders (windows look back) and churns judged at its month end, and an order changes no churn's effect on the months
-- before its own (a churn it ends or moves returned on or after it; a churn it forestalls fell on or after it).
-- A later as_of changes every company's rows only from the earlier as_of's month on (as_of moves above): months before
-- it end before the earlier as_of, no order is dated after it, and a churn a later as_of brings in or moves (dated
-- after the earlier day) is in force only from then on; the history's first months go as its start moves on.
-- month_end is the day a month is judged at: its last day, or as_of in the as_of month. Windows are whole
-- calendar months ending with the row's month, so each month and the current state follow one rule.
-- tenure_months counts from the month the relationship began: the account's created_on when the export gives it
-- (the earliest of the company's merged records), else its first exported order, whichever is earlier. An export
-- that starts years into a relationship must not make an old customer look new (考察期) for its first 24 months.
-- Lifecycle stage (客户关系生命周期) at the month end, the first rule that holds:
--   churned      churned by that day and not returned (marts.account_churn)
--   exploration  考察期: within lifecycle.exploration_months months of the relationship's start (its month is the first)
--   decline      退化期: orders per month in the last lifecycle.recent_months months (this one included) below
--                lifecycle.decline_ratio of the rate in the lifecycle.previous_months months before them
--   stability    稳定期: lifecycle.stability_months or more after the month the relationship began
--   formation    形成期: otherwise
with settings as (
    select
        (max(value) filter (where key = 'history.months'))::integer as history_months,
        (max(value) filter (where key = 'pareto.window_months'))::integer as window_months,
        (max(value) filter (where key = 'lifecycle.exploration_months'))::integer as exploration_months,
        (max(value) filter (where key = 'lifecycle.stability_months'))::integer as stability_months,
        (max(value) filter (where key = 'lifecycle.recent_months'))::integer as recent_months,
        (max(value) filter (where key = 'lifecycle.previous_months'))::integer as previous_months,
        (max(value) filter (where key = 'lifecycle.decline_ratio'))::decimal(9, 6) as decline_ratio
    from meta.settings
), bounds as (
    select
        as_of_date,
        date_trunc('month', as_of_date)::date as as_of_month,
        (date_trunc('month', as_of_date) - to_months(history_months))::date as history_start,
        -- A refresh of the months from {{onwards:month}} on (null in a whole build) needs the months its windows look back on
        -- before it, not the whole history: the window over 12,744 accounts' every month cost 0.26 s of 0.57 at 50,000 accounts.
        greatest(
            (date_trunc('month', as_of_date) - to_months(history_months + greatest(window_months, recent_months + previous_months)))::date,
            ({{onwards:month}} - to_months(greatest(window_months, recent_months + previous_months)))::date) as grid_start
    from marts.as_of, settings
), created as (
    select mm.master_account_id, date_trunc('month', min(a.created_on))::date as created_month
    from marts.account_merge_map mm
    join core.accounts a using (account_id)
    where {{refresh:mm.master_account_id}}
    group by mm.master_account_id
), spans as (
    -- Each month with orders stands for the months up to the next one: the months between are filled without a join.
    -- The first order month is the minimum over the account's whole partition: over the ordered window it was a running
    -- minimum, the same value at a higher price (the model 1.59-1.67 CPU s against 1.84-2.34 at 50,000 accounts).
    select
        m.*,
        least(min(m.month) over (partition by m.master_account_id), coalesce(cr.created_month, m.month)) as first_month,
        coalesce(lead(m.month) over a - interval 1 month, (select as_of_month from bounds))::date as span_end,
        c.churns
    from marts.account_order_months m
    -- contracts' churns may share one last order (a contract ended, another began and ended with no order): a month is
    -- judged by the one in force at its end (their spans do not overlap), so a later churn leaves the months before it
    left join (
        select master_account_id, last_order_date, list({'churned_on': churned_on, 'returned_on': returned_on}) as churns
        from marts.account_churn
        where {{refresh:master_account_id}}
        group by all
    ) c on c.master_account_id = m.master_account_id and c.last_order_date = m.last_order_date
    left join created cr on cr.master_account_id = m.master_account_id
    where {{refresh:m.master_account_id}}
    window a as (partition by m.master_account_id order by m.month)
), grid as (
    select
        s.master_account_id, s.first_month, s.last_order_date, s.churns, s.month as order_month, s.orders, s.value,
        unnest(generate_series(greatest(s.month, b.grid_start), s.span_end, interval 1 month))::date as month
    from spans s, bounds b
    where s.span_end >= b.grid_start
), windowed as (
    select
        g.master_account_id,
        g.month,
        least(last_day(g.month), b.as_of_date) as month_end,
        date_diff('month', g.first_month, g.month)::integer as tenure_months,
        case when g.month = g.order_month then g.orders else 0 end as orders,
        case when g.month = g.order_month then g.value else 0 end as value,
        coalesce(sum(g.value) filter (where g.month = g.order_month) over (w rows between (select window_months - 1 from settings) preceding and current row), 0) as window_value,
        (count(*) filter (where g.month = g.order_month) over (w rows between (select window_months - 1 from settings) preceding and current row))::integer as window_active_months,
        coalesce(sum(g.orders) filter (where g.month = g.order_month) over (w rows between (select recent_months - 1 from settings) preceding and current row), 0)::integer as recent_orders,
        coalesce(sum(g.orders) filter (where g.month = g.order_month) over (w rows between (select recent_months + previous_months - 1 from settings) preceding
            and (select recent_months from settings) preceding), 0)::integer as previous_orders,
        g.last_order_date,
        g.churns,
        g.month >= b.history_start as in_history
    from grid g, bounds b
    window w as (partition by g.master_account_id order by g.month)
), final as (
    select
        w.* exclude (churns, in_history),
        case
            -- a return by order starts a new span; a return by a new contract (churn.definition contract) ends it here
            when len(list_filter(w.churns, lambda c: c.churned_on <= w.month_end and (c.returned_on is null or c.returned_on > w.month_end))) > 0
                then 'churned'
            when w.tenure_months < s.exploration_months then 'exploration'
            when w.recent_orders * s.previous_months < s.decline_ratio * w.previous_orders * s.recent_months then 'decline'
            when w.tenure_months >= s.stability_months then 'stability'
            else 'formation'
        end as lifecycle_stage
    from windowed w, settings s
    where w.in_history
)
select * from final
