-- Grain: one row per contract per calendar month with orders under that contract while it was in force.
-- key: contract_id, month
-- refresh by: contract_id
-- not null: account_id, orders, deduction, penalty, amount_owed
-- references: contract_id -> core.contracts.contract_id
-- references: account_id -> core.accounts.account_id
-- The clause applies order by order (each price is quoted on the day's market), so the month's deduction and
-- penalty are the sums of its orders'; margin_pct is over the orders whose cost is known. The orders are
-- order_margin's under_contract ones, so the two marts' deductions and penalties agree to the cent.
with margins as (
    select * from marts.order_margin where {{refresh:contract_id}}
), rules as (
    select * from marts.contract_rules
), final as (
    select
        m.contract_id,
        date_trunc('month', m.order_date)::date as month,
        r.account_id,
        count(*) as orders,
        count(m.profit) as costed_orders,
        round(sum(m.net_amount), 2)::decimal(18,2) as net_amount,
        -- each round of a DECIMAL(38,14) sum costs about 1 us: a month whose orders are all costed (every one at 50,000
        -- accounts) takes the net_amount computed above (0.1 CPU s of 2.0-2.2)
        case when count(m.profit) = count(*) then round(sum(m.net_amount), 2)::decimal(18,2)
            else round(sum(m.net_amount) filter (where m.profit is not null), 2)::decimal(18,2) end as costed_net_amount,
        round(sum(m.profit), 2)::decimal(18,2) as profit,
        round(sum(m.profit) * 100 / sum(m.net_amount) filter (where m.profit is not null), 4)::decimal(18,4) as margin_pct,
        count(*) filter (where m.is_above_cap) as orders_above_cap,
        count(*) filter (where m.is_above_penalty_threshold) as orders_above_penalty_threshold,
        coalesce(sum(m.deduction), 0)::decimal(18,2) as deduction,
        coalesce(sum(m.penalty), 0)::decimal(18,2) as penalty,
        coalesce(sum(m.amount_owed), 0)::decimal(18,2) as amount_owed
    from margins m
    join rules r on r.contract_id = m.contract_id
    where m.under_contract
    group by all
)
select * from final
