-- Contracts coming due (marts.contract_status): per window of 30, 60 or 90 days and per next event (auto_renewal
-- or end), how many contracts and their yearly fees.
with {{companies}}, final as (
    select
        s.due_within_days,
        s.next_event,
        count(*) as contracts,
        coalesce(sum(k.annual_fee), 0) as annual_fee
    from marts.contract_status s
    join core.contracts k using (contract_id)
    join marts.account_merge_map m on m.account_id = s.account_id
    join companies c using (master_account_id)
    where s.due_within_days is not null
    group by all
)
select * from final order by due_within_days, next_event
