-- SLA compliance per month of the window: of the tickets with at least one clock measured, the share that met
-- every limit (1 - breach rate), from marts.sla_compliance_monthly's account rows; target is sla.target_met_rate.
with {{companies}}, final as (
    select
        s.month,
        sum(s.measured_tickets)::bigint as measured_tickets,
        sum(s.breached_tickets)::bigint as breached_tickets,
        1 - sum(s.breached_tickets) / nullif(sum(s.measured_tickets), 0) as met_rate,
        (select value::double from meta.settings where key = 'sla.target_met_rate') as target_met_rate
    from marts.sla_compliance_monthly s
    join marts.account_merge_map m on m.account_id = s.member
    join companies c using (master_account_id)
    cross join report_window w
    where s.dimension = 'account' and s.month between w.window_start and w.window_end
    group by s.month
)
select * from final order by month
