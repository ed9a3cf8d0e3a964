-- Grain: one row per master account per cutoff, for masters with an order on or before the cutoff.
-- key: master_account_id, cutoff
-- references: master_account_id -> core.accounts.account_id
-- Orders as known at the end of the cutoff day: nothing dated after it is read. Windows end with the cutoff
-- and include it ((cutoff - N days, cutoff]). Money is summed exactly and cast to double only for the models.
with cutoffs as (
    select cutoff from feature_cutoffs
), orders as (
    select m.master_account_id, o.order_date, o.net_amount, o.cost_amount
    from marts.orders o join marts.account_merge_map m using (account_id)
), known as (
    select c.cutoff, o.*, c.cutoff - o.order_date as age_days
    from cutoffs c join orders o on o.order_date <= c.cutoff
), order_days as (
    select distinct master_account_id, cutoff, order_date from known where age_days < 365
), gaps as (
    select master_account_id, cutoff, avg(gap) as mean_gap_days
    from (
        select master_account_id, cutoff,
            order_date - lag(order_date) over (partition by master_account_id, cutoff order by order_date) as gap
        from order_days
    )
    where gap is not null
    group by all
), final as (
    select
        k.master_account_id,
        k.cutoff,
        (k.cutoff - max(k.order_date))::double as recency_days,
        (k.cutoff - min(k.order_date))::double as tenure_days,
        count(*) filter (where age_days < 90)::double as orders_90d,
        count(*) filter (where age_days < 365)::double as orders_365d,
        count(*) filter (where age_days >= 90 and age_days < 360)::double / 3 as orders_prev_quarter_avg,
        coalesce(sum(net_amount) filter (where age_days < 90), 0)::double as revenue_90d,
        coalesce(sum(net_amount) filter (where age_days < 180), 0)::double as revenue_180d,
        coalesce(sum(net_amount) filter (where age_days >= 180 and age_days < 360), 0)::double as revenue_prev_180d,
        coalesce(sum(net_amount) filter (where age_days < 365), 0)::double as revenue_365d,
        coalesce(sum(net_amount - cost_amount) filter (where age_days < 365 and cost_amount is not null)
            / nullif(sum(net_amount) filter (where age_days < 365 and cost_amount is not null), 0), 0)::double as margin_365d,
        coalesce(any_value(g.mean_gap_days), 0)::double as mean_gap_days
    from known k
    left join gaps g using (master_account_id, cutoff)
    group by k.master_account_id, k.cutoff
)
select * from final
