-- Grain: one row per account.
-- key: account_id
-- not null: master_account_id, region, tier
-- accepted: tier in (A, B, C)
-- references: account_id -> core.accounts.account_id
-- references: master_account_id -> core.accounts.account_id
-- The company an account's rows count under in the aggregated sets: its master account, the master's region
-- ('(none)' when unknown; a company belongs to its master's region, as the access scopes say) and current 80/20 tier.
with final as (
    select m.account_id, m.master_account_id, coalesce(a.region, '(none)') as region, t.tier
    from marts.account_merge_map m
    join core.accounts a on a.account_id = m.master_account_id
    join marts.account_tiers t on t.master_account_id = m.master_account_id
)
select * from final
