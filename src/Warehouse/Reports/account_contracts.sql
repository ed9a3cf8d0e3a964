-- The company's ($1) contracts: terms, where each stands (marts.contract_status: renewals, cancel-by day, next
-- event) and its margin-cap status over the 12 months up to as_of (marts.contract_month_margin: orders above the
-- cap and the deduction and penalty owed).
with company as (
    select account_id from marts.account_merge_map m where master_account_id = $1 and {{visible:m.account_id}}
), margins as (
    select contract_id, sum(orders_above_cap)::bigint as orders_above_cap, sum(amount_owed) as amount_owed
    from marts.contract_month_margin
    where month > (select as_of_date - interval 12 month from marts.as_of)
    group by contract_id
), final as (
    select
        k.contract_id, k.start_date, k.end_date, k.auto_renew, k.annual_fee, k.payment_terms_days, r.margin_cap_pct,
        s.status, s.renewals, s.cancel_by, s.days_to_cancel_by, s.next_event, s.next_event_on,
        coalesce(g.orders_above_cap, 0) as orders_above_cap, coalesce(g.amount_owed, 0)::decimal(18,2) as amount_owed
    from core.contracts k
    join company c using (account_id)
    left join marts.contract_rules r using (contract_id)
    left join marts.contract_status s using (contract_id)
    left join margins g using (contract_id)
)
select * from final order by start_date desc, contract_id
