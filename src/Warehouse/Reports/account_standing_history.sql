-- Where the company ($1) stood at each of the last 12 month ends (marts.account_segment_history): tier, level and
-- lifecycle stage, latest first.
with final as (
    select h.month, h.tier, h.level, h.lifecycle_stage, h.value
    from marts.account_segment_history h
    where h.master_account_id = $1 and {{visible:h.master_account_id}}
)
select * from final order by month desc limit 12
