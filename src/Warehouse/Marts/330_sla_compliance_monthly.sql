-- Grain: one row per dimension ('account', 'contract', 'engineer', 'site') per member of it per month of opening.
-- key: dimension, member, month
-- not null: tickets, uncovered_tickets
-- accepted: dimension in (account, contract, engineer, site)
-- A ticket counts under its account, and under its contract, engineer and site when it names one (so only the
-- account rows add up to all tickets). A ticket breaches when its response or its on-site arrival missed the
-- limit; breach_rate = breached tickets / tickets with at least one clock measured, null when none was.
-- Tickets from a contact known not to be designated (is_designated_contact false) are counted apart, and so are
-- uncovered_tickets, whose minutes read a day outside their holiday calendar's years (ticket_sla.calendar_covered).
with tickets as (
    select
        account_id as account,
        contract_id as contract,
        engineer,
        site,
        month,
        kind,
        satisfaction,
        is_designated_contact,
        response_met,
        onsite_met,
        calendar_covered
    from marts.ticket_sla
), counted as (
    -- one grouping set per dimension, a ticket without a member of it (no contract, engineer or site) left out: an
    -- unpivot to 4.3 million rows grouped by (dimension, member, month) cost 1.88-2.42 CPU s at 50,000 accounts
    -- (written as the refresh writes, three runs each), the grouping sets 1.33-1.63
    select
        case when grouping(account) = 0 then 'account' when grouping(contract) = 0 then 'contract'
            when grouping(engineer) = 0 then 'engineer' else 'site' end as dimension,
        coalesce(account, contract, engineer, site) as member,
        month,
        count(*) as tickets,
        count(response_met) as responses_measured,
        count(*) filter (where not response_met) as response_breaches,
        count(onsite_met) as onsite_measured,
        count(*) filter (where not onsite_met) as onsite_breaches,
        count(*) filter (where response_met is not null or onsite_met is not null) as measured_tickets,
        count(*) filter (where not response_met or not onsite_met) as breached_tickets,
        count(*) filter (where kind = 'complaint') as complaints,
        avg(satisfaction) as avg_satisfaction,
        count(satisfaction) as satisfaction_ratings,
        count(*) filter (where not is_designated_contact) as non_designated_tickets,
        count(*) filter (where not calendar_covered) as uncovered_tickets
    from tickets
    group by grouping sets ((account, month), (contract, month), (engineer, month), (site, month))
    having coalesce(account, contract, engineer, site) is not null
), final as (
    select
        dimension,
        member,
        month,
        tickets,
        responses_measured,
        response_breaches,
        onsite_measured,
        onsite_breaches,
        measured_tickets,
        breached_tickets,
        breached_tickets / nullif(measured_tickets, 0) as breach_rate,
        complaints,
        avg_satisfaction,
        satisfaction_ratings,
        non_designated_tickets,
        uncovered_tickets
    from counted
)
select * from final
