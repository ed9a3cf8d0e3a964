-- Grain: one row per master account per month of the history (from its first order on).
-- key: master_account_id, month
-- refresh by: month
-- not null: tier, level, strength, under_contract, lifecycle_stage
-- accepted: tier in (A, B, C)
-- accepted: level in (1, 2, 3, 4, 5)
-- accepted: lifecycle_stage in (exploration, formation, stability, decline, churned)
-- accepted: strength in (0, 1, 2, 3)
-- references: master_account_id -> core.accounts.account_id
-- Where each account stood at each month end. The 80/20 tier (二八法则), by value in the Pareto window:
-- accounts with a positive value rank largest first, ties by account id; an account is A when the share of value
-- before it is below pareto.cut_a (so the account that crosses 80% is A), B when below pareto.cut_b, else C;
-- with no positive value it is C and unranked. The five levels (客户五级分类), 1 highest, from the tier and the
-- strength of the relationship: strong with at least two of levels.tenure_months of relationship (account_months), orders
-- in levels.active_months months of the Pareto window, and a contract in force at the month end (from its start
-- to its termination, else its end date, or on and on while it renews itself):
--   level 1 (VIP): tier A and strong            level 2 (key): tier A, or tier B and strong
--   level 3 (major): tier B, or C and strong    level 4 (ordinary): tier C with a positive value
--   level 5 (small): no positive value in the window
-- lifecycle_stage is marts.account_months'.
-- A month's rows read only that month's account_months rows (ranks and shares are within the month), so after a load
-- the refresh rebuilds the months whose account_months rows changed; the contract test is a correlated exists, which
-- DuckDB runs for the month's rows only (a join to every month's contracts would be computed whole, then filtered).
with months as (
    select master_account_id, month, month_end, window_value as value, tenure_months, window_active_months, lifecycle_stage
    from marts.account_months
), settings as (
    select
        (max(value) filter (where key = 'pareto.cut_a'))::decimal(9, 6) as cut_a,
        (max(value) filter (where key = 'pareto.cut_b'))::decimal(9, 6) as cut_b,
        (max(value) filter (where key = 'levels.tenure_months'))::integer as tenure_months,
        (max(value) filter (where key = 'levels.active_months'))::integer as active_months
    from meta.settings
), ranked as (
    select
        *,
        case when value > 0 then row_number() over (w order by value desc, master_account_id) end as rank,
        case when value > 0 then sum(value) over (w order by value desc, master_account_id rows unbounded preceding) end as cumulative_value,
        case when value > 0 then sum(value) over w end as total_value
    from months
    window w as (partition by month, value > 0)
), contracts as (
    select m.master_account_id, c.start_date,
        coalesce(c.terminated_on, case when c.auto_renew then date '9999-12-31' else c.end_date end) as in_force_until
    from core.contracts c join marts.account_merge_map m using (account_id)
), contracted as (
    select
        m.*,
        exists (
            select 1 from contracts c
            where c.master_account_id = m.master_account_id and m.month_end between c.start_date and c.in_force_until
        ) as under_contract
    from ranked m
), tiered as (
    select
        m.* exclude (total_value),
        case
            when m.rank is null then 'C'
            when m.cumulative_value - m.value < s.cut_a * m.total_value then 'A'
            when m.cumulative_value - m.value < s.cut_b * m.total_value then 'B'
            else 'C'
        end as tier,
        (m.tenure_months >= s.tenure_months)::integer + (m.window_active_months >= s.active_months)::integer + m.under_contract::integer as strength
    from contracted m
    cross join settings s
), final as (
    select
        master_account_id, month, month_end, value, rank, cumulative_value, tier,
        case
            when value <= 0 then 5
            when tier = 'A' and strength >= 2 then 1
            when tier = 'A' or (tier = 'B' and strength >= 2) then 2
            when tier = 'B' or strength >= 2 then 3
            else 4
        end as level,
        strength,
        under_contract,
        lifecycle_stage
    from tiered
)
select * from final
