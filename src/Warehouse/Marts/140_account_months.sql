-- Grain: one row per master account per month, from the month of its first order through the as_of month,
-- for the months of the history (setting history.months before the as_of month).
-- key: master_account_id, month
-- month_end is the day the month is judged at: its last day, or as_of in the as_of month. Windows are whole
-- calendar months ending with the row's month (the as_of month counted up to as_of), so a month's figures
-- and the current ones follow one rule. Rows are dense: a month without orders still has its row.
with settings as (
    select
        (max(value) filter (where key = 'history.months'))::integer as history_months,
        (max(value) filter (where key = 'pareto.window_months'))::integer as window_months,
        (max(value) filter (where key = 'lifecycle.recent_months'))::integer as recent_months,
        (max(value) filter (where key = 'lifecycle.previous_months'))::integer as previous_months
    from meta.settings
), bounds as (
    select
        as_of_date,
        date_trunc('month', as_of_date)::date as as_of_month,
        (date_trunc('month', as_of_date) - to_months(history_months))::date as history_start,
        (date_trunc('month', as_of_date) - to_months(history_months + greatest(window_months, recent_months + previous_months)))::date as grid_start
    from marts.as_of, settings
), monthly as (
    select master_account_id, month, count(*) as orders, sum(value) as value
    from marts.account_orders
    group by all
), firsts as (
    select master_account_id, min(order_date) as first_order_date from marts.account_orders group by all
), grid as (
    select f.master_account_id, f.first_order_date, unnest(generate_series(
        greatest(date_trunc('month', f.first_order_date)::date, b.grid_start), b.as_of_month, interval 1 month))::date as month
    from firsts f, bounds b
), windowed as (
    select
        g.master_account_id,
        g.month,
        least(last_day(g.month), b.as_of_date) as month_end,
        g.first_order_date,
        date_diff('month', date_trunc('month', g.first_order_date), g.month) as tenure_months,
        coalesce(m.orders, 0) as orders,
        coalesce(m.value, 0) as value,
        coalesce(sum(m.value) over (w rows between (select window_months - 1 from settings) preceding and current row), 0) as window_value,
        count(m.orders) over (w rows between (select window_months - 1 from settings) preceding and current row) as window_active_months,
        coalesce(sum(m.orders) over (w rows between (select recent_months - 1 from settings) preceding and current row), 0) as recent_orders,
        coalesce(sum(m.orders) over (w rows between (select recent_months + previous_months - 1 from settings) preceding
            and (select recent_months from settings) preceding), 0) as previous_orders,
        g.month >= b.history_start as in_history
    from grid g
    cross join bounds b
    left join monthly m using (master_account_id, month)
    window w as (partition by g.master_account_id order by g.month)
), final as (
    select * exclude (in_history) from windowed where in_history
)
select * from final
