-- SLA compliance per month of the window: of the tickets with at least one clock measured, the share that met
-- every limit (1 - breach rate), from marts.sla_by_month_region (the set BI tools read as SlaByMonthRegion); target
-- is sla.target_met_rate. A region with no visible company is left out, as in every report.
with {{companies}}, final as (
    select
        s.month,
        sum(s.measured_tickets)::bigint as measured_tickets,
        sum(s.breached_tickets)::bigint as breached_tickets,
        1 - sum(s.breached_tickets) / nullif(sum(s.measured_tickets), 0) as met_rate,
        (select value::double from meta.settings where key = 'sla.target_met_rate') as target_met_rate
    from marts.sla_by_month_region s
    cross join report_window w
    cross join params p
    where s.month between w.window_start and w.window_end
        and (p.tier is null or s.tier = p.tier)
        and (p.region is null or s.region = p.region)
        and s.region in (select region from companies)
    group by s.month
)
select * from final order by month
