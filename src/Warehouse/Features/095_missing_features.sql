-- Grain: one row per master account per cutoff, as account_features.
-- key: master_account_id, cutoff
-- not null: missing
-- references: master_account_id -> core.accounts.account_id
-- The features account_features holds as 0 where the value is in truth missing, so monitoring's missing share
-- sees them (the models still read the 0). Two kinds:
-- a source that covers none of a window (no ticket of any account opened in the 90, 180 or 365 days to the cutoff,
-- no contract started on or before it, no invoice of any account falling due in the year to it): every feature
-- counted from it would read 0 because the export stopped or never came, not because nothing happened;
-- a value with nothing to compute it from: a margin without an order that carries its cost, a satisfaction without
-- a rating, a late share or mean days late without an invoice due in the year.
with cutoffs as (
    select cutoff, timezone('Asia/Shanghai', (cutoff + 1)::timestamp) as cutoff_end from feature_cutoffs
), ticket_cover as (
    select c.cutoff,
        count(t.ticket_id) filter (where t.opened_at >= c.cutoff_end - interval 90 day) > 0 as covers_90d,
        count(t.ticket_id) filter (where t.opened_at >= c.cutoff_end - interval 180 day) > 0 as covers_180d,
        count(t.ticket_id) > 0 as covers_365d
    from cutoffs c
    left join core.tickets t on t.opened_at < c.cutoff_end and t.opened_at >= c.cutoff_end - interval 365 day
    group by c.cutoff
), contract_cover as (
    select c.cutoff, count(k.contract_id) > 0 as covers
    from cutoffs c left join core.contracts k on k.start_date <= c.cutoff
    group by c.cutoff
), invoice_cover as (
    select c.cutoff, count(i.due_date) > 0 as covers
    from cutoffs c left join marts.invoice_payments i on i.due_date < c.cutoff and i.due_date >= c.cutoff - 365
    group by c.cutoff
), costed as (
    select distinct m.master_account_id, c.cutoff
    from cutoffs c
    join marts.orders o on o.order_date <= c.cutoff and o.order_date > c.cutoff - 365 and o.cost_amount is not null
    join marts.account_merge_map m using (account_id)
), final as (
    select
        f.master_account_id,
        f.cutoff,
        list_filter([
            case when k.master_account_id is null then 'margin_365d' end,
            case when not tc.covers_90d then 'tickets_90d' end,
            case when not tc.covers_90d then 'sla_breaches_90d' end,
            case when not tc.covers_90d then 'complaints_90d' end,
            case when not tc.covers_365d then 'complaints_365d' end,
            case when not tc.covers_180d or t.satisfaction_180d is null or t.satisfaction_180d = 0 then 'satisfaction_180d' end,
            case when not tc.covers_180d then 'low_ratings_180d' end,
            case when not cc.covers then 'contracts_in_force' end,
            case when not cc.covers then 'contract_days_to_end' end,
            case when not cc.covers then 'contract_auto_renews' end,
            case when not cc.covers then 'contracts_ended_365d' end,
            case when not ic.covers then 'late_invoices_365d' end,
            case when not ic.covers or p.master_account_id is null then 'late_share_365d' end,
            case when not ic.covers or p.master_account_id is null then 'mean_days_late_365d' end,
            case when not ic.covers then 'overdue_amount' end
        ], lambda name: name is not null) as missing
    from account_features f
    join ticket_cover tc using (cutoff)
    join contract_cover cc using (cutoff)
    join invoice_cover ic using (cutoff)
    left join costed k using (master_account_id, cutoff)
    left join ticket_features t using (master_account_id, cutoff)
    left join payment_features p using (master_account_id, cutoff)
)
select * from final
