-- Grain: one row per contract per term begun by the as-of day; the original term always, even before it starts.
-- key: contract_id, term_no
-- not null: account_id, term_start, term_end, renewal, is_latest
-- accepted: renewal in (original, automatic)
-- references: contract_id -> core.contracts.contract_id
-- references: account_id -> core.accounts.account_id
-- Term 1 runs start_date..end_date. An auto-renewing contract renews for renewal_months unless terminated_on
-- ended it: term k ends on end_date + (k-1) x renewal_months months, counted from the original end so a
-- month-end anniversary keeps its day (29 Feb renews to 28 Feb, and back to 29 Feb in a leap year), and
-- starts the day after term k-1 ends. terminated_on is the contract's last day in force, like end_date.
-- cancel_by is the last day a notice stops the renewal that follows this term. The agreement: "到期后,若甲乙
-- 双方在30日内均未提出终止本协议,本协议有效期自动延长一年": notice is given within 30 days AFTER the term
-- ends; the period counts from the day after the last day (民法典 art. 201), so its last day is
-- term_end + notice_days (term ending 30 June: notice until 30 July). A contract whose notice_after_end is false
-- (another agreement: "应在协议终止前三个月送达书面通知", notice before the end) has term_end - notice_days; an empty
-- notice_after_end follows contracts.notice_after_end. No shift for weekends or holidays: the earlier day is always safe.
-- is_latest marks the term in force (or the last one of an ended contract).
with rules as (
    select * from marts.contract_rules
), as_of as (
    select as_of_date from marts.as_of
), schedule as (
    -- enough terms to pass the as-of day: the whole renewals from the original end to as-of, plus two
    select r.*, a.as_of_date,
        unnest(generate_series(1, greatest(datediff('month', r.end_date, a.as_of_date), 0) // r.renewal_months + 2)) as term_no
    from rules r
    cross join as_of a
), terms as (
    select *,
        case when term_no = 1 then start_date
            else (end_date + to_months((term_no - 2) * renewal_months))::date + 1 end as term_start,
        (end_date + to_months((term_no - 1) * renewal_months))::date as term_end
    from schedule
), begun as (
    select * from terms
    where term_no = 1
        or (auto_renew and term_start <= as_of_date and (terminated_on is null or term_start <= terminated_on))
), final as (
    select
        contract_id,
        account_id,
        term_no,
        term_start,
        term_end,
        least(term_end, terminated_on) as last_day,
        case when term_no = 1 then 'original' else 'automatic' end as renewal,
        case when auto_renew and (terminated_on is null or terminated_on >= term_end)
            then term_end + case when notice_after_end then notice_days else -notice_days end end as cancel_by,
        term_no = max(term_no) over (partition by contract_id) as is_latest
    from begun
)
select * from final
