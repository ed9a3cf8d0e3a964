-- Grain: one row per master account per time it churned.
-- key: master_account_id, churned_on
-- refresh by: master_account_id
-- as_of moves: ids from
--     select master_account_id from marts.account_merge_map where account_id in (
--         select account_id from marts.orders, as_of_before b, marts.as_of a
--         where order_date > b.as_of_date - (select value::integer from meta.settings where key = 'churn.inactive_days')
--             and order_date <= a.as_of_date - (select value::integer from meta.settings where key = 'churn.inactive_days')
--             or order_date > b.as_of_date and order_date <= a.as_of_date
--         union all
--         select account_id from core.contracts, as_of_before b, marts.as_of a
--         where (case when auto_renew then terminated_on else least(end_date, terminated_on) end) + 1 > b.as_of_date
--             and (case when auto_renew then terminated_on else least(end_date, terminated_on) end) + 1 <= a.as_of_date
--         union all
--         select account_id from core.accounts, as_of_before b, marts.as_of a
--         where (churned_on is not null or churned) and coalesce(churned_on, churn_label_as_of, a.as_of_date) > b.as_of_date)
-- accepted: definition in (inactivity, contract, label)
-- references: master_account_id -> core.accounts.account_id
-- Churn (客户流失), defined here and nowhere else, by the setting churn.definition:
--   inactivity  an account that ordered and then placed no order for churn.inactive_days days churned on its last
--               order date plus those days; returned_on is its next order, if it came back.
--   contract    an account's contract ended without renewal (its last day: end_date, or terminated_on when that
--               came first or stopped an auto-renewal) and no other contract of it runs the next day: it churned
--               that next day; returned_on is the start of its next contract.
--   label       the export says so: core.accounts.churned_on, else churned = true as of churn_label_as_of (as_of
--               when the export gives no day). An account of a group churns when its master is labelled.
-- Only days on or before as_of count. The account is churned on days churned_on <= d < returned_on.
-- last_order_date: the last order on or before churned_on (null for an account that never ordered).
-- A later as_of (the ids line above) changes only the accounts with a churn dated after the earlier day and on or
-- before the new one: an inactivity churn of an order dated in (before, new] less churn.inactive_days, a contract's
-- last day plus one in (before, new], a label dated after the earlier day or by as_of itself; and an order dated after
-- the earlier day (a return, or a last order before a churn), which a load touches anyway.
-- An account's churn reads its own orders, contracts and label only: the refresh marks are where a refresh of some
-- accounts' rows reads only theirs (SqlModel.RefreshMarked).
with as_of as (
    select as_of_date from marts.as_of
), definition as (
    select case when value in ('inactivity', 'contract', 'label') then value
        else error('churn.definition must be inactivity, contract or label, not ' || value) end as definition
    from meta.settings where key = 'churn.definition'
), order_days as (
    select distinct m.master_account_id, o.order_date
    from marts.orders o join marts.account_merge_map m using (account_id)
    where o.order_date <= (select as_of_date from as_of) and {{refresh:m.master_account_id}}
), inactivity as (
    select master_account_id, order_date as last_order_date,
        order_date + (select value::integer from meta.settings where key = 'churn.inactive_days') as churned_on,
        lead(order_date) over (partition by master_account_id order by order_date) as returned_on
    from order_days
), inactivity_churn as (
    select * from inactivity where returned_on is null or returned_on > churned_on
), contract_days as (
    select m.master_account_id, c.start_date,
        case when c.auto_renew then c.terminated_on else least(c.end_date, c.terminated_on) end as last_day
    from core.contracts c join marts.account_merge_map m using (account_id)
    where {{refresh:m.master_account_id}}
), contract_churn as (
    select e.master_account_id, null::date as last_order_date, e.last_day + 1 as churned_on,
        (select min(n.start_date) from contract_days n where n.master_account_id = e.master_account_id and n.start_date > e.last_day) as returned_on
    from contract_days e
    where e.last_day is not null
        and not exists (
            select 1 from contract_days o
            where o.master_account_id = e.master_account_id and o.start_date <= e.last_day + 1
                and (o.last_day is null or o.last_day > e.last_day)
        )
), label_churn as (
    select m.master_account_id, null::date as last_order_date,
        min(coalesce(a.churned_on, case when a.churned then coalesce(a.churn_label_as_of, (select as_of_date from as_of)) end)) as churned_on,
        null::date as returned_on
    from core.accounts a join marts.account_merge_map m using (account_id)
    where (a.churned_on is not null or a.churned) and {{refresh:m.master_account_id}}
    group by all
), chosen as (
    select * from inactivity_churn where (select definition from definition) = 'inactivity'
    union all
    select distinct * from contract_churn where (select definition from definition) = 'contract'
    union all
    select * from label_churn where (select definition from definition) = 'label'
), last_orders as (
    -- the last order before a contract's or a label's churn; inactivity knows it already (in the final join, the
    -- test on the churn's own last order would be planned as a nested loop over every churn and order day)
    select c.master_account_id, c.churned_on, max(d.order_date) as last_order_date
    from (select distinct master_account_id, churned_on from chosen where last_order_date is null) c
    join order_days d on d.master_account_id = c.master_account_id and d.order_date <= c.churned_on
    group by c.master_account_id, c.churned_on
), final as (
    select distinct c.master_account_id, coalesce(c.last_order_date, l.last_order_date) as last_order_date,
        c.churned_on, c.returned_on, (select definition from definition) as definition
    from chosen c
    left join last_orders l on l.master_account_id = c.master_account_id and l.churned_on = c.churned_on
    where c.churned_on <= (select as_of_date from as_of)
)
select * from final
