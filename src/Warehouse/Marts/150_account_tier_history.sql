-- Grain: one row per master account per month of the history (from its first order on).
-- key: master_account_id, month
-- The 80/20 tier (二八法则) at each month end, by the value of the Pareto window ending that month.
-- Accounts with a positive value rank by value, largest first, ties by account id. An account is A when the
-- share of value before it is below pareto.cut_a (so the account that crosses 80% is A), B when below
-- pareto.cut_b, else C; an account with no positive value in the window is C and has no rank.
with months as (
    select master_account_id, month, month_end, window_value as value from marts.account_months
), cuts as (
    select
        (max(value) filter (where key = 'pareto.cut_a'))::decimal(9, 6) as cut_a,
        (max(value) filter (where key = 'pareto.cut_b'))::decimal(9, 6) as cut_b
    from meta.settings
), ranked as (
    select
        *,
        case when value > 0 then row_number() over w end as rank,
        case when value > 0 then sum(value) over (w rows unbounded preceding) end as cumulative_value,
        case when value > 0 then sum(value) over (partition by month, value > 0) end as total_value
    from months
    window w as (partition by month, value > 0 order by value desc, master_account_id)
), final as (
    select
        master_account_id,
        month,
        month_end,
        value,
        rank,
        cumulative_value,
        total_value,
        (cumulative_value / total_value)::double as cumulative_share,
        case
            when rank is null then 'C'
            when cumulative_value - value < cuts.cut_a * total_value then 'A'
            when cumulative_value - value < cuts.cut_b * total_value then 'B'
            else 'C'
        end as tier
    from ranked, cuts
)
select * from final
