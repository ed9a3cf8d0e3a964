-- Grain: one row per master account per cutoff, as account_features.
-- key: master_account_id, cutoff
-- not null: frequency, recency_days, age_days
-- references: master_account_id -> core.accounts.account_id
-- The BG/NBD and Gamma-Gamma summary of the orders up to the cutoff, in days: a purchase is a day with
-- orders (several orders on one day are one purchase); frequency counts the purchases after the first,
-- recency is the last purchase's day since the first, age the cutoff's. mean_repeat_spend averages the
-- repeat purchases' net sales (the first is left out, as Gamma-Gamma asks), null without one.
with features as (
    select master_account_id, cutoff from account_features
), purchases as (
    select m.master_account_id, o.order_date, sum(o.net_amount) as spend
    from marts.orders o join marts.account_merge_map m using (account_id)
    group by all
), known as (
    select f.master_account_id, f.cutoff, p.order_date, p.spend,
        row_number() over (partition by f.master_account_id, f.cutoff order by p.order_date) as purchase_no
    from features f join purchases p on p.master_account_id = f.master_account_id and p.order_date <= f.cutoff
), final as (
    select
        master_account_id,
        cutoff,
        (count(*) - 1)::integer as frequency,
        (max(order_date) - min(order_date))::double as recency_days,
        (cutoff - min(order_date))::double as age_days,
        avg(spend) filter (where purchase_no > 1)::double as mean_repeat_spend
    from known
    group by master_account_id, cutoff
)
select * from final
