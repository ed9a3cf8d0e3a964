-- Grain: one row per master account per time it churned.
-- key: master_account_id, churned_on
-- not null: last_order_date
-- references: master_account_id -> core.accounts.account_id
-- Churn (客户流失), defined here and nowhere else: an account that ordered and then placed no order for
-- churn.inactive_days days churned on its last order date plus those days, if that day is on or before as_of.
-- returned_on is its next order, if it came back. The account is churned on days churned_on <= d < returned_on.
with order_days as (
    select distinct m.master_account_id, o.order_date
    from marts.orders o join marts.account_merge_map m using (account_id)
    where o.order_date <= (select as_of_date from marts.as_of)
), gaps as (
    select
        master_account_id,
        order_date as last_order_date,
        order_date + (select value::integer from meta.settings where key = 'churn.inactive_days') as churned_on,
        lead(order_date) over (partition by master_account_id order by order_date) as returned_on
    from order_days
), final as (
    select master_account_id, last_order_date, churned_on, returned_on
    from gaps
    where (returned_on is null or returned_on > churned_on)
        and churned_on <= (select as_of_date from marts.as_of)
)
select * from final
