-- Grain: one row per master account per month of the history (from its first order on).
-- key: master_account_id, month
-- Lifecycle stage (客户关系生命周期) at each month end, the first rule that holds:
--   churned       the account is churned that day (marts.account_churn)
--   exploration   考察期: within lifecycle.exploration_months months of its first order (its first month counts 1)
--   decline       退化期: orders per month in the last lifecycle.recent_months months (this one included) below
--                 lifecycle.decline_ratio of the rate in the lifecycle.previous_months months before them
--   stability     稳定期: lifecycle.stability_months or more after the month of its first order
--   formation     形成期: otherwise
with months as (
    select master_account_id, month, month_end, tenure_months, recent_orders, previous_orders from marts.account_months
), settings as (
    select
        (max(value) filter (where key = 'lifecycle.exploration_months'))::integer as exploration_months,
        (max(value) filter (where key = 'lifecycle.stability_months'))::integer as stability_months,
        (max(value) filter (where key = 'lifecycle.recent_months'))::integer as recent_months,
        (max(value) filter (where key = 'lifecycle.previous_months'))::integer as previous_months,
        (max(value) filter (where key = 'lifecycle.decline_ratio'))::decimal(9, 6) as decline_ratio
    from meta.settings
), churned as (
    select distinct m.master_account_id, m.month
    from months m join marts.account_churn c on c.master_account_id = m.master_account_id
        and m.month_end >= c.churned_on and (c.returned_on is null or m.month_end < c.returned_on)
), final as (
    select
        m.*,
        case
            when c.month is not null then 'churned'
            when m.tenure_months < s.exploration_months then 'exploration'
            when m.recent_orders * s.previous_months < s.decline_ratio * m.previous_orders * s.recent_months then 'decline'
            when m.tenure_months >= s.stability_months then 'stability'
            else 'formation'
        end as lifecycle_stage
    from months m
    cross join settings s
    left join churned c using (master_account_id, month)
)
select * from final
