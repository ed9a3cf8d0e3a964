-- Grain: one row per rank: the accounts with a positive value in the current Pareto window, largest first.
-- key: rank
-- not null: master_account_id, value, tier
-- accepted: tier in (A, B, C)
-- references: master_account_id -> core.accounts.account_id
-- The 80/20 curve: after the first `rank` accounts, account_share of the accounts have brought value_share of the value.
with ranked as (
    select * from marts.account_tiers where rank is not null
), final as (
    select
        rank,
        master_account_id,
        name,
        value,
        cumulative_value,
        rank / count(*) over () as account_share,
        cumulative_share as value_share,
        tier
    from ranked
)
select * from final
