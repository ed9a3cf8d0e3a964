-- Grain: one row per master account per cutoff, for masters with an order on or before the cutoff.
-- key: master_account_id, cutoff
-- not null: recency_days, tenure_days, orders_90d, orders_365d, revenue_90d, revenue_180d, revenue_365d, revenue_trend
-- not null: order_trend, margin_365d, mean_gap_days, tickets_90d, sla_breaches_90d, complaints_90d, complaints_365d
-- not null: satisfaction_180d, low_ratings_180d, contracts_in_force, contract_days_to_end, contract_auto_renews
-- not null: contracts_ended_365d, late_invoices_365d, late_share_365d, mean_days_late_365d, overdue_amount
-- references: master_account_id -> core.accounts.account_id
-- Every feature the churn and value models read, as of the end of the cutoff day. No ticket, contract or
-- invoice in a window counts as zero. The trends are symmetric changes in -1..1 (0: flat; 1: all recent).
with orders as (
    select * from order_features
), final as (
    select
        o.master_account_id,
        o.cutoff,
        o.recency_days, o.tenure_days, o.orders_90d, o.orders_365d, o.revenue_90d, o.revenue_180d, o.revenue_365d,
        coalesce((o.revenue_180d - o.revenue_prev_180d) / nullif(o.revenue_180d + o.revenue_prev_180d, 0), 0) as revenue_trend,
        coalesce((o.orders_90d - o.orders_prev_quarter_avg) / nullif(o.orders_90d + o.orders_prev_quarter_avg, 0), 0) as order_trend,
        o.margin_365d, o.mean_gap_days,
        coalesce(t.tickets_90d, 0) as tickets_90d,
        coalesce(t.sla_breaches_90d, 0) as sla_breaches_90d,
        coalesce(t.complaints_90d, 0) as complaints_90d,
        coalesce(t.complaints_365d, 0) as complaints_365d,
        coalesce(t.satisfaction_180d, 0) as satisfaction_180d,
        coalesce(t.low_ratings_180d, 0) as low_ratings_180d,
        coalesce(c.contracts_in_force, 0) as contracts_in_force,
        coalesce(c.contract_days_to_end, 0) as contract_days_to_end,
        coalesce(c.contract_auto_renews, 0) as contract_auto_renews,
        coalesce(c.contracts_ended_365d, 0) as contracts_ended_365d,
        coalesce(p.late_invoices_365d, 0) as late_invoices_365d,
        coalesce(p.late_share_365d, 0) as late_share_365d,
        coalesce(p.mean_days_late_365d, 0) as mean_days_late_365d,
        coalesce(p.overdue_amount, 0) as overdue_amount
    from orders o
    left join ticket_features t using (master_account_id, cutoff)
    left join contract_features c using (master_account_id, cutoff)
    left join payment_features p using (master_account_id, cutoff)
)
select * from final
