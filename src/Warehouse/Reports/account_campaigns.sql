-- The campaigns the company ($1) was in: any of its accounts frozen into a campaign, targeted or held out as control.
with company as (
    select account_id from marts.account_merge_map m where master_account_id = $1 and {{visible:m.account_id}}
), final as (
    select c.campaign_id, c.name, c.frozen_on, bool_or(cm.is_control) as is_control
    from campaigns.campaign_members cm
    join company k using (account_id)
    join campaigns.campaigns c using (campaign_id)
    group by all
)
select * from final order by frozen_on desc, campaign_id desc
