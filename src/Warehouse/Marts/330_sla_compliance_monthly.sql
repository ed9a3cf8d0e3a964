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
), by_member as (
    from tickets unpivot (member for dimension in (account, contract, engineer, site))
), counted as (
    select
        dimension,
        member,
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
    from by_member
    group by dimension, member, month
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
