-- How customer lifetime value (models.current_scores.clv, the master account's) spreads over the selected
-- companies: 10 bins of equal width from the smallest to the largest value; the largest falls in the last bin.
with {{companies}}, scored as (
    select s.clv
    from companies c join models.current_scores s on s.account_id = c.master_account_id
    where s.clv is not null
), bounds as (
    select min(clv) as low, max(clv) as high, (max(clv) - min(clv)) / 10 as width from scored
), binned as (
    select case when b.width = 0 then 0 else least(floor((s.clv - b.low) / b.width), 9)::integer end as bin
    from scored s, bounds b
), final as (
    select
        n.bin,
        b.low + n.bin * b.width as bin_start,
        b.low + (n.bin + 1) * b.width as bin_end,
        count(*) as accounts
    from binned n, bounds b
    group by all
)
select * from final order by bin
