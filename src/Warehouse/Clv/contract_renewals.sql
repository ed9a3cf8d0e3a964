-- Grain: one row per auto-renewing contract that has started by the as-of day.
-- key: contract_id
-- not null: account_id, renewals_kept, lost
-- references: contract_id -> core.contracts.contract_id
-- references: account_id -> core.accounts.account_id
-- Renewal opportunities for the shifted-beta-geometric model (Fader & Hardie 2007): every renewal is one period.
-- renewals_kept: renewals the account let happen. With notice after the end (the agreement's 30 days after
-- expiry) the renewal into the current term can still be refused until cancel_by, so it is not kept yet.
-- lost: the contract was terminated (or notice of it given, terminated_on ahead of as-of): it did not renew at
-- opportunity renewals_kept + 1. cancel_by: the last day to refuse the next renewal (null when none is coming).
-- Contracts that do not renew themselves end by their own terms and offer no renewal to model.
with status as (
    select * from marts.contract_status
), rules as (
    select contract_id, notice_days, notice_after_end from marts.contract_rules
), final as (
    select
        s.contract_id,
        s.account_id,
        s.renewals - case
            when s.renewals > 0 and r.notice_after_end and s.cancel_by = s.current_term_start - 1 + r.notice_days then 1
            else 0 end as renewals_kept,
        s.terminated_on is not null as lost,
        s.cancel_by
    from status s
    join rules r using (contract_id)
    where s.auto_renew and s.status <> 'not_started'
)
select * from final
order by contract_id
