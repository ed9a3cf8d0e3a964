-- Grain: one row per master account per month of the history (from its first order on).
-- key: master_account_id, month
-- Five levels (客户五级分类), 1 highest, from value (the month's 80/20 tier) and relationship strength.
-- A strong relationship has at least two of: levels.tenure_months since the first order; orders in at least
-- levels.active_months months of the Pareto window; a contract in force at the month end (from its start to
-- its termination, else to its end date, or on while it renews itself).
--   level 1 (VIP): tier A and strong            level 2 (key): tier A, or tier B and strong
--   level 3 (major): tier B, or C and strong    level 4 (ordinary): tier C with value in the window
--   level 5 (small): no value in the window
with months as (
    select m.master_account_id, m.month, m.month_end, m.tenure_months, m.window_active_months, t.tier, t.value
    from marts.account_months m
    join marts.account_tier_history t using (master_account_id, month)
), settings as (
    select
        (max(value) filter (where key = 'levels.tenure_months'))::integer as tenure_months,
        (max(value) filter (where key = 'levels.active_months'))::integer as active_months
    from meta.settings
), contracts as (
    select m.master_account_id, c.start_date,
        coalesce(c.terminated_on, case when c.auto_renew then date '9999-12-31' else c.end_date end) as in_force_until
    from core.contracts c join marts.account_merge_map m using (account_id)
), under_contract as (
    select distinct m.master_account_id, m.month
    from months m join contracts c on c.master_account_id = m.master_account_id
        and m.month_end between c.start_date and c.in_force_until
), scored as (
    select
        m.*,
        (m.tenure_months >= s.tenure_months)::integer + (m.window_active_months >= s.active_months)::integer
            + (u.month is not null)::integer as strength,
        u.month is not null as under_contract
    from months m
    cross join settings s
    left join under_contract u using (master_account_id, month)
), final as (
    select
        master_account_id, month, month_end, tier, value, tenure_months, window_active_months, under_contract, strength,
        case
            when value <= 0 then 5
            when tier = 'A' and strength >= 2 then 1
            when tier = 'A' or (tier = 'B' and strength >= 2) then 2
            when tier = 'B' or strength >= 2 then 3
            else 4
        end as level
    from scored
)
select * from final
