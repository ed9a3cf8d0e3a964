-- Grain: one row per master account per cutoff that had a contract started on or before it.
-- key: master_account_id, cutoff
-- references: master_account_id -> core.accounts.account_id
-- A termination is known once its day has come (terminated_on <= cutoff); one dated later is not known yet,
-- so the contract still reads as running or renewing. In force: started, not terminated, and either renewing
-- itself or not past its end date. days_to_end: to the end of the term in force (an auto-renewing contract's
-- current term, as contract_terms counts terms from the original end), the nearest over the master's contracts.
with cutoffs as (
    select cutoff from feature_cutoffs
), contracts as (
    select m.master_account_id, r.*
    from marts.contract_rules r join marts.account_merge_map m using (account_id)
), known as (
    select c.cutoff, k.master_account_id, k.auto_renew, k.end_date, k.renewal_months,
        case when k.terminated_on <= c.cutoff then k.terminated_on end as terminated_on,
        greatest(datediff('month', k.end_date, c.cutoff) // k.renewal_months, 0) as whole_terms
    from cutoffs c join contracts k on k.start_date <= c.cutoff
), terms as (
    select *,
        case
            when not auto_renew then end_date
            when end_date + to_months(whole_terms * renewal_months) >= cutoff then end_date + to_months(whole_terms * renewal_months)
            else end_date + to_months((whole_terms + 1) * renewal_months)
        end::date as term_end,
        coalesce(terminated_on, case when not auto_renew then end_date end) as last_day
    from known
), judged as (
    select *, terminated_on is null and term_end >= cutoff as in_force from terms
), final as (
    select
        master_account_id,
        cutoff,
        count(*) filter (where in_force)::double as contracts_in_force,
        coalesce(min(term_end - cutoff) filter (where in_force), 0)::double as contract_days_to_end,
        (bool_or(in_force and auto_renew) is true)::integer::double as contract_auto_renews,
        count(*) filter (where last_day <= cutoff and last_day > cutoff - 365)::double as contracts_ended_365d
    from judged
    group by master_account_id, cutoff
)
select * from final
