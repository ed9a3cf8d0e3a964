-- Revenue (net sales) per calendar month of the window per current 80/20 tier of the company that ordered, from
-- marts.revenue_by_month (the set BI tools read as RevenueByMonth, so both show the same numbers). Its rows are
-- a region's companies, so a region with no visible company (another region, for a region-limited reader) is left out.
with {{companies}}, final as (
    select r.month, r.tier, sum(r.revenue) as revenue
    from marts.revenue_by_month r
    cross join report_window w
    cross join params p
    where r.month between w.window_start and w.window_end
        and (p.tier is null or r.tier = p.tier)
        and (p.region is null or r.region = p.region)
        and r.region in (select region from companies)
    group by all
)
select * from final order by month, tier
