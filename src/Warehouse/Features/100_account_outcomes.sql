-- Grain: one row per master account per cutoff, as account_features.
-- key: master_account_id, cutoff
-- not null: is_active, last_value
-- references: master_account_id -> core.accounts.account_id
-- What happened after the cutoff, for training and evaluation only (never a feature). Null where the
-- horizon (models.horizon_days) reaches past as_of: the outcome is not known yet.
-- is_active: not churned at the cutoff (marts.account_churn: no churn on or before it that is still running).
-- churned: churned by the marts' one definition on a day in (cutoff, cutoff + horizon], of the active ones.
-- next_value: net sales in (cutoff, cutoff + horizon], exact. last_value: the same span before the cutoff,
-- the naive forecast.
with features as (
    select master_account_id, cutoff from account_features
), horizon as (
    select value::integer as days from meta.settings where key = 'models.horizon_days'
), as_of as (
    select as_of_date from marts.as_of
), churn as (
    select * from marts.account_churn
), orders as (
    select m.master_account_id, o.order_date, o.net_amount
    from marts.orders o join marts.account_merge_map m using (account_id)
), churn_states as (
    select f.master_account_id, f.cutoff,
        bool_or(c.churned_on <= f.cutoff and (c.returned_on is null or c.returned_on > f.cutoff)) is not true as is_active,
        bool_or(c.churned_on > f.cutoff and c.churned_on <= f.cutoff + (select days from horizon)) is true as churned
    from features f left join churn c using (master_account_id)
    group by all
), values as (
    select f.master_account_id, f.cutoff,
        coalesce(sum(o.net_amount) filter (where o.order_date > f.cutoff), 0) as next_value,
        coalesce(sum(o.net_amount) filter (where o.order_date <= f.cutoff), 0) as last_value
    from features f
    left join orders o on o.master_account_id = f.master_account_id
        and o.order_date > f.cutoff - (select days from horizon) and o.order_date <= f.cutoff + (select days from horizon)
    group by all
), final as (
    select s.master_account_id, s.cutoff, s.is_active,
        case when s.cutoff + (select days from horizon) <= (select as_of_date from as_of) then s.churned end as churned,
        case when s.cutoff + (select days from horizon) <= (select as_of_date from as_of) then round(v.next_value, 2)::decimal(18,2) end as next_value,
        round(v.last_value, 2)::decimal(18,2) as last_value
    from churn_states s join values v using (master_account_id, cutoff)
)
select * from final
