-- Grain: one row per account with an order on or before the calibration end ($1, a date); when duplicates
-- are merged, {{orders}} gives each order its master's account_id, so a company's orders are one history.
-- key: account_id
-- not null: frequency, recency, age, repeat_spend, total_spend, first_purchase, last_purchase
-- references: account_id -> core.accounts.account_id
-- The repeat-buying summary BG/NBD and Gamma-Gamma take (Fader, Hardie & Lee 2005). A purchase is a day with
-- orders, so two orders on one day are one purchase of their summed value. frequency (x): purchase days after
-- the first; recency (t_x): first to last purchase day; age (T): first purchase day to the calibration end;
-- both in units of $2 days (1 day, 7 week, 30.4375 month). repeat_spend: what the repeat purchases came to
-- (the first is left out: it says how the account was acquired, not how it buys); total_spend: every purchase,
-- the first too (what a tier's revenue and a holdout's realised revenue count). An order's value is the
-- sum of its lines, else the file's amount, as in marts.orders.
with params as (
    select $1::date as calibration_end, $2::double as unit_days
), line_totals as (
    select order_id, sum(quantity::decimal(38,4) * unit_price * (1 - discount)) as net_amount
    from core.order_lines
    group by order_id
), calibration_orders as (
    select o.account_id, o.order_date, coalesce(l.net_amount, o.amount) as net_amount
    from {{orders}} o
    left join line_totals l using (order_id)
    where o.order_date <= (select calibration_end from params)
), purchase_days as (
    select account_id, order_date, sum(net_amount) as spend
    from calibration_orders
    group by account_id, order_date
), first_days as (
    select *, min(order_date) over (partition by account_id) as first_purchase
    from purchase_days
), final as (
    select
        account_id,
        count(*) - 1 as frequency,
        (max(order_date) - min(order_date)) / (select unit_days from params) as recency,
        ((select calibration_end from params) - min(order_date)) / (select unit_days from params) as age,
        coalesce(sum(spend) filter (where order_date > first_purchase), 0)::decimal(38,4) as repeat_spend,
        sum(spend)::decimal(38,4) as total_spend,
        min(order_date) as first_purchase,
        max(order_date) as last_purchase
    from first_days
    group by account_id
)
select * from final
order by account_id
