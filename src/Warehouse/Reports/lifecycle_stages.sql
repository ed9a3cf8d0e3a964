-- Companies per lifecycle stage (客户关系生命周期) at as_of and per current 80/20 tier (marts.account_segments).
with {{companies}}, final as (
    select s.lifecycle_stage, c.tier, count(*) as accounts
    from companies c
    join marts.account_segments s on s.account_id = c.master_account_id
    group by all
)
select * from final order by lifecycle_stage, tier
