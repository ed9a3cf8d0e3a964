-- How customer lifetime value (models.current_scores.clv, the master account's) spreads over the selected
-- companies, on a log scale: bins whose edges step 1-2-5 through each power of ten (1, 2, 5, 10, 20, 50, ... yuan),
-- as CLV is heavy-tailed and ten equal bins put nearly every company in the first. One row per bin from the first
-- bin with a company to the last, empty bins between kept so the axis stays even. Companies worth under 1 (not
-- expected to buy again) come first, in one bin from 0 (or the lowest value) up to where the next bin starts.
with {{companies}}, scored as (
    select s.clv
    from companies c join models.current_scores s on s.account_id = c.master_account_id
    where s.clv is not null
), log_bins as (
    select
        cast(m.low * power(10, d.range) as decimal(38, 2)) as bin_start,
        cast(m.high * power(10, d.range) as decimal(38, 2)) as bin_end
    from range(0, 17) d, (values (1, 2), (2, 5), (5, 10)) m(low, high)
), counted as (
    select b.bin_start, b.bin_end, count(s.clv) as accounts
    from log_bins b left join scored s on s.clv >= b.bin_start and s.clv < b.bin_end
    group by all
), used as (
    select bin_start, bin_end, accounts
    from counted
    where bin_start between (select min(bin_start) from counted where accounts > 0)
        and (select max(bin_start) from counted where accounts > 0)
), below_one as (
    select least(0, min(clv)) as bin_start, coalesce((select min(bin_start) from used), 1) as bin_end, count(*) as accounts
    from scored
    where clv < 1
    having count(*) > 0
), final as (
    select row_number() over (order by bin_start) - 1 as bin, bin_start, bin_end, accounts
    from (select * from used union all select * from below_one)
)
select * from final order by bin
