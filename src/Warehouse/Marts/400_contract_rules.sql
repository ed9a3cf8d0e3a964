-- Grain: one row per contract: the terms that govern it, with the settings' defaults filling what the file left empty.
-- key: contract_id
-- not null: account_id, start_date, end_date, auto_renew, notice_days, renewal_months, notice_after_end
-- references: contract_id -> core.contracts.contract_id
-- references: account_id -> core.accounts.account_id
-- auto_renew: an empty value means no renewal. renewal_months: a missing or non-positive value takes
-- contracts.default_renewal_months. The margin and payment defaults (margin.*, payments.*) apply here as well,
-- so later marts read one place. A default penalty threshold never falls below the contract's own cap.
with contracts as (
    select * from core.contracts
), defaults as (
    select
        (select value::integer from meta.settings where key = 'contracts.default_notice_days') as notice_days,
        (select value::integer from meta.settings where key = 'contracts.default_renewal_months') as renewal_months,
        (select value::boolean from meta.settings where key = 'contracts.notice_after_end') as notice_after_end,
        (select value::decimal(9,4) from meta.settings where key = 'margin.default_cap_pct') as margin_cap_pct,
        (select value::decimal(9,4) from meta.settings where key = 'margin.default_penalty_pct') as penalty_threshold_pct,
        (select value::integer from meta.settings where key = 'payments.default_terms_days') as payment_terms_days
), final as (
    select
        c.contract_id,
        c.account_id,
        c.start_date,
        c.end_date,
        c.terminated_on,
        coalesce(c.auto_renew, false) as auto_renew,
        coalesce(c.notice_days, d.notice_days) as notice_days,
        case when c.renewal_months > 0 then c.renewal_months else d.renewal_months end as renewal_months,
        d.notice_after_end,
        coalesce(c.margin_cap_pct, d.margin_cap_pct) as margin_cap_pct,
        coalesce(c.penalty_threshold_pct, greatest(d.penalty_threshold_pct, c.margin_cap_pct)) as penalty_threshold_pct,
        coalesce(c.payment_terms_days, d.payment_terms_days) as payment_terms_days
    from contracts c
    cross join defaults d
)
select * from final
