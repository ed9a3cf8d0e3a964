-- Grain: one row per month per region per 80/20 tier: an aggregated set for BI tools.
-- key: month, region, tier
-- not null: tickets, measured_tickets, breached_tickets
-- accepted: tier in (A, B, C)
-- SLA compliance of the tickets opened in a month (marts.sla_compliance_monthly's account rows, where every ticket
-- counts once), by the region and current tier of the company that opened them ('(none)' when unknown). Counts,
-- so a BI tool sums them over any months and regions; met_rate = 1 - breached / measured, null when none was
-- measured. The dashboard's breach-rate tile and SLA chart read it.
with final as (
    select
        s.month,
        c.region,
        c.tier,
        sum(s.tickets)::bigint as tickets,
        sum(s.measured_tickets)::bigint as measured_tickets,
        sum(s.breached_tickets)::bigint as breached_tickets,
        1 - sum(s.breached_tickets) / nullif(sum(s.measured_tickets), 0) as met_rate
    from marts.sla_compliance_monthly s
    join marts.account_company c on c.account_id = s.member
    where s.dimension = 'account'
    group by all
)
select * from final
