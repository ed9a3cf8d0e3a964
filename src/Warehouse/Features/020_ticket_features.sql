-- Grain: one row per master account per cutoff that had a ticket opened in the year before it.
-- key: master_account_id, cutoff
-- references: master_account_id -> core.accounts.account_id
-- A ticket is known from its opening; what happened to it (a response, an on-site visit, its closing and
-- rating) only once it happened. The cutoff ends at midnight after the cutoff day, Shanghai time, the
-- agreement's service clock. An SLA breach counts when the late response or visit came before that instant.
with cutoffs as (
    select cutoff, timezone('Asia/Shanghai', (cutoff + 1)::timestamp) as cutoff_end from feature_cutoffs
), tickets as (
    select m.master_account_id, t.kind, t.opened_at, t.first_response_at, t.onsite_at,
        coalesce(t.closed_at, t.resolved_at) as closed_at, t.satisfaction, s.response_met, s.onsite_met
    from core.tickets t
    join marts.account_merge_map m using (account_id)
    left join marts.ticket_sla s using (ticket_id)
), known as (
    select c.cutoff, c.cutoff_end, t.*, date_diff('day', t.opened_at, c.cutoff_end) as age_days
    from cutoffs c join tickets t on t.opened_at < c.cutoff_end and t.opened_at >= c.cutoff_end - interval 365 day
), judged as (
    select *,
        (response_met = false and first_response_at < cutoff_end) or (onsite_met = false and onsite_at < cutoff_end) as breached,
        case when closed_at < cutoff_end then satisfaction end as known_satisfaction
    from known
), final as (
    select
        master_account_id,
        cutoff,
        count(*) filter (where age_days < 90)::double as tickets_90d,
        count(*) filter (where age_days < 90 and breached)::double as sla_breaches_90d,
        count(*) filter (where age_days < 90 and kind = 'complaint')::double as complaints_90d,
        count(*) filter (where kind = 'complaint')::double as complaints_365d,
        coalesce(avg(known_satisfaction) filter (where age_days < 180), 0)::double as satisfaction_180d,
        count(*) filter (where age_days < 180 and known_satisfaction <= 2)::double as low_ratings_180d
    from judged
    group by master_account_id, cutoff
)
select * from final
