-- Grain: one row per account (duplicates included, each carrying its master's segments).
-- key: account_id
-- not null: master_account_id, is_master, tier, level, lifecycle_stage, is_critical_account
-- accepted: tier in (A, B, C)
-- accepted: level in (1, 2, 3, 4, 5)
-- accepted: lifecycle_stage in (exploration, formation, stability, decline, churned)
-- accepted: rfm_segment in (champions, loyal, potential loyalists, new, promising, need attention, about to sleep, at risk, can't lose them, hibernating, lost)
-- references: account_id -> core.accounts.account_id
-- references: master_account_id -> core.accounts.account_id
-- Where an account stands at as_of: its master, 80/20 tier, five-level grade, lifecycle stage, RFM segment,
-- churn, and whether it is a critical account (关键客户, marts.critical_accounts). A master that never ordered is
-- tier C, level 5 and in exploration (考察期: not yet trading), unscored, and not critical.
with merge_map as (
    select * from marts.account_merge_map
), current as (
    select master_account_id, level, lifecycle_stage from marts.account_segment_history
    where month = (select date_trunc('month', as_of_date)::date from marts.as_of)
), churned as (
    select master_account_id, churned_on from marts.account_churn where returned_on is null
), final as (
    select
        m.account_id,
        a.name,
        m.master_account_id,
        m.is_master,
        t.tier,
        t.rank,
        t.value,
        coalesce(h.level, 5) as level,
        coalesce(h.lifecycle_stage, 'exploration') as lifecycle_stage,
        r.segment as rfm_segment,
        r.recency_days,
        c.churned_on,
        coalesce(k.is_critical_account, false) as is_critical_account
    from merge_map m
    join core.accounts a using (account_id)
    join marts.account_tiers t using (master_account_id)
    left join current h using (master_account_id)
    left join marts.account_rfm r using (master_account_id)
    left join churned c using (master_account_id)
    left join marts.critical_accounts k using (master_account_id)
)
select * from final
