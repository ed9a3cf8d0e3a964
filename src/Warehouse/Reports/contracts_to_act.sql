-- Contracts to act on: a renewal that can still be refused, by its cancel-by day (marts.contract_status), in the
-- next 90 days, soonest first, with the company, its tier and the yearly fee at stake.
with {{companies}}, final as (
    select
        s.contract_id,
        c.master_account_id,
        c.name,
        c.tier,
        s.status,
        s.cancel_by,
        s.days_to_cancel_by,
        s.next_event_on,
        k.annual_fee
    from marts.contract_status s
    join core.contracts k using (contract_id)
    join marts.account_merge_map m on m.account_id = s.account_id
    join companies c using (master_account_id)
    where s.cancel_by is not null and s.days_to_cancel_by between 0 and 90
)
select * from final order by cancel_by, contract_id limit 15
