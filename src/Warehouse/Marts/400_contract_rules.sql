-- Grain: one row per contract: the terms that govern it, with the settings' defaults filling what the file left empty.
-- key: contract_id
-- not null: account_id, start_date, end_date, auto_renew, notice_days, renewal_months, notice_after_end, payment_terms_days, payment_terms_basis
-- accepted: payment_terms_basis in (working, calendar)
-- references: contract_id -> core.contracts.contract_id
-- references: account_id -> core.accounts.account_id
-- auto_renew: an empty value means no renewal. renewal_months: a missing or non-positive value takes
-- contracts.default_renewal_months. notice_days and notice_after_end: the contract's, else the agreement's rule
-- (contracts.default_notice_days, contracts.notice_after_end: notice within 30 days after the end, 到期后30日内).
-- in_force_until: the last day the contract is in force (terminated_on, else end_date unless it renews itself;
-- null: on until terminated). The margin and payment defaults (margin.*, payments.*) apply here as well, so later
-- marts read one place. A default penalty threshold never falls below the contract's own cap. Payment terms: a
-- contract that states payment_terms_days without payment_terms_basis counts calendar days ("30 days net"); one
-- that states neither takes the agreement's 3 working days (payments.default_terms_*). settlement_day, the monthly
-- settlement of regular deliveries (月结), is the contract's, else payments.default_settlement_day for a contract
-- that states no payment terms at all; null when the contract's payment_terms_days govern every order.
with contracts as (
    select * from core.contracts
), defaults as (
    select
        (select value::integer from meta.settings where key = 'contracts.default_notice_days') as notice_days,
        (select value::integer from meta.settings where key = 'contracts.default_renewal_months') as renewal_months,
        (select value::boolean from meta.settings where key = 'contracts.notice_after_end') as notice_after_end,
        (select value::decimal(9,4) from meta.settings where key = 'margin.default_cap_pct') as margin_cap_pct,
        (select value::decimal(9,4) from meta.settings where key = 'margin.default_penalty_pct') as penalty_threshold_pct,
        (select value::integer from meta.settings where key = 'payments.default_terms_days') as payment_terms_days,
        (select value from meta.settings where key = 'payments.default_terms_basis') as payment_terms_basis,
        (select value::integer from meta.settings where key = 'payments.default_settlement_day') as settlement_day
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
        coalesce(c.notice_after_end, d.notice_after_end) as notice_after_end,
        case when c.auto_renew then c.terminated_on else least(c.end_date, coalesce(c.terminated_on, c.end_date)) end as in_force_until,
        coalesce(c.margin_cap_pct, d.margin_cap_pct) as margin_cap_pct,
        coalesce(c.penalty_threshold_pct, greatest(d.penalty_threshold_pct, c.margin_cap_pct)) as penalty_threshold_pct,
        coalesce(c.payment_terms_days, d.payment_terms_days) as payment_terms_days,
        coalesce(c.payment_terms_basis, case when c.payment_terms_days is null then d.payment_terms_basis else 'calendar' end) as payment_terms_basis,
        case when c.settlement_day is not null then c.settlement_day when c.payment_terms_days is null then d.settlement_day end as settlement_day
    from contracts c
    cross join defaults d
)
select * from final
