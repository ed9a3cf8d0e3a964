-- Grain: one row per contract: where it stands on the as-of day and what comes next.
-- key: contract_id
-- not null: account_id, status, auto_renew, renewals
-- accepted: status in (not_started, active, auto_renewed, notice_period, ending, expired, terminated)
-- accepted: next_event in (auto_renewal, end)
-- accepted: due_within_days in (30, 60, 90)
-- references: contract_id -> core.contracts.contract_id
-- references: account_id -> core.accounts.account_id
-- status: not_started (before start_date); terminated (past terminated_on when that cut a term short or stopped
-- an auto-renewal); expired (past the last day of a contract that does not renew); ending (will not renew, last
-- day within contracts.ending_soon_days); notice_period (a renewal can still be refused: the notice_days days up
-- to and including cancel_by, which with notice after the end are the days right after a term ended);
-- auto_renewed (in a renewed term); else active.
-- cancel_by: the first day on or after as-of by which a notice stops a renewal (see contract_terms); null when
-- nothing will renew. next_event: auto_renewal (on current_term_end, the next term starting the day after) or
-- end (on the contract's last day); due_within_days: 30, 60 or 90, the smallest window holding next_event_on.
with rules as (
    select * from marts.contract_rules
), latest_terms as (
    select * from marts.contract_terms where is_latest
), as_of as (
    select as_of_date from marts.as_of
), ending_soon as (
    select value::integer as days from meta.settings where key = 'contracts.ending_soon_days'
), joined as (
    select r.*, a.as_of_date, t.term_no, t.term_start, t.term_end,
        -- an auto-renewing contract ends only by termination
        case when r.auto_renew then r.terminated_on else least(r.end_date, r.terminated_on) end as last_day,
        case when r.notice_after_end then r.notice_days else -r.notice_days end as notice_offset
    from rules r
    join latest_terms t using (contract_id)
    cross join as_of a
), pending as (
    select *,
        case when auto_renew and terminated_on is null then
            case
                when term_no > 1 and term_start - 1 + notice_offset >= as_of_date then term_start - 1 + notice_offset
                when term_end + notice_offset >= as_of_date then term_end + notice_offset
                else (end_date + to_months(term_no * renewal_months))::date + notice_offset
            end
        end as cancel_by
    from joined
), classified as (
    select *,
        case
            when as_of_date < start_date then 'not_started'
            when last_day < as_of_date then case when auto_renew or terminated_on < end_date then 'terminated' else 'expired' end
            when last_day - as_of_date <= (select days from ending_soon) then 'ending'
            when cancel_by - as_of_date < notice_days then 'notice_period'
            when term_no > 1 then 'auto_renewed'
            else 'active'
        end as status,
        case when last_day < as_of_date then null else coalesce(last_day, term_end) end as next_event_on
    from pending
), final as (
    select
        contract_id,
        account_id,
        status,
        start_date,
        end_date,
        auto_renew,
        terminated_on,
        term_no - 1 as renewals,
        term_start as current_term_start,
        term_end as current_term_end,
        cancel_by,
        cancel_by - as_of_date as days_to_cancel_by,
        case when next_event_on is null then null when last_day is null then 'auto_renewal' else 'end' end as next_event,
        next_event_on,
        next_event_on - as_of_date as days_to_next_event,
        case
            when next_event_on - as_of_date <= 30 then 30
            when next_event_on - as_of_date <= 60 then 60
            when next_event_on - as_of_date <= 90 then 90
        end as due_within_days
    from classified
)
select * from final
