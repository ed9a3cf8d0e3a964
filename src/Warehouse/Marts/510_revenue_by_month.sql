-- Grain: one row per month per region per 80/20 tier per product category: an aggregated set for BI tools.
-- key: month, region, tier, category
-- not null: revenue, orders
-- accepted: tier in (A, B, C)
-- Revenue (net sales) of the orders placed up to as_of, by calendar month, by the region and current tier of the
-- company that ordered (its master account's, '(none)' when unknown) and by the product category of each line
-- ('(none)' for a product without one, and for an order recorded without lines, whose file amount counts whole).
-- The dashboard's revenue tile and chart read it, so a BI tool's page and the dashboard show the same numbers; its
-- categories add up to the orders' net_amount exactly. orders counts an order once in each category it holds (an
-- order belongs to one account, so the accounts' counts add up). Summed from account_revenue_by_month, which a
-- refresh after a load rebuilds by month: a tier that moved moves rows of every month here, so this is rebuilt whole.
with final as (
    select
        r.month,
        c.region,
        c.tier,
        r.category,
        sum(r.revenue) as revenue,
        sum(r.quantity) as quantity,
        sum(r.orders)::bigint as orders
    from marts.account_revenue_by_month r
    join marts.account_company c using (account_id)
    group by all
)
select * from final
