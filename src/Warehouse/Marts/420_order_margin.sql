-- Grain: one row per order: its margin against the cap and what the margin clause makes the supplier owe.
-- key: order_id
-- refresh by: order_id
-- materialized: view
-- A view: orders' rows with their contract's cap and a few columns computed; only contract_month_margin reads it,
-- once per refresh, so writing it was a second computation nobody read. It reads margin.penalty_multiple live: a
-- changed setting makes the marts stale until the refresh after it, which rebuilds what reads this view.
-- not null: account_id, order_date, under_contract
-- references: order_id -> core.orders.order_id
-- references: account_id -> core.accounts.account_id
-- references: contract_id -> core.contracts.contract_id
-- The clause: "利润控制在7%以下,若利润超过10%除按7%扣除超出部分,并处于该款项十倍罚金". Read as: profit is kept
-- at or below the cap ("以下" includes the number itself, 民法典 art. 1259); only profit strictly above the
-- penalty threshold ("超过" excludes it) costs anything: the part above the cap (profit - cap% x net) is deducted,
-- and a fine of penalty_multiple times that part ("该款项", the deducted amount) is due on top. Between the cap
-- and the threshold, inclusive, the order is flagged above the cap but nothing is owed: the text sets no sanction
-- there. The cap is a term of the agreement, so it binds only an order under a contract in force on its order
-- date (under_contract: the order names a contract, dated from its start_date to its in_force_until); any other
-- order has its margin measured but no cap, flag, deduction or penalty (null), as contract_month_margin leaves it
-- out. Cap and threshold: the contract's, else margin.default_cap_pct / margin.default_penalty_pct.
-- margin_pct, profit and the flags are null when the cost is unknown (no lines, or a line without unit_cost) or
-- net is zero. The deduction is rounded to cents; the fine is exactly penalty_multiple times that.
with orders as (
    -- orders.cost_amount is already null unless every line's cost is known
    select * from marts.orders
), rules as (
    select * from marts.contract_rules
), defaults as (
    select
        (select value::decimal(9,4) from meta.settings where key = 'margin.penalty_multiple') as penalty_multiple
), matched as (
    -- the rule of the contract the order names (contract_rules has filled the margin defaults in), and whether that
    -- contract is in force on the order date: joined on the contract alone and dated after, as a join on the dates
    -- too is planned as a nested loop over every order and rule
    select o.*, r.margin_cap_pct, r.penalty_threshold_pct,
        coalesce(o.order_date between r.start_date and coalesce(r.in_force_until, o.order_date), false) as under_contract
    from orders o
    left join rules r on r.contract_id = o.contract_id
), measured as (
    select
        m.order_id,
        m.account_id,
        m.order_date,
        m.contract_id,
        m.net_amount,
        m.cost_amount,
        m.under_contract,
        case when m.under_contract then m.margin_cap_pct end as cap_pct,
        case when m.under_contract then m.penalty_threshold_pct end as penalty_threshold_pct,
        d.penalty_multiple
    from matched m
    cross join defaults d
), profitable as (
    select *, case when net_amount <> 0 then net_amount - cost_amount end as profit
    from measured
), flagged as (
    select *,
        profit * 100 > cap_pct * net_amount as is_above_cap,
        profit * 100 > penalty_threshold_pct * net_amount as is_above_penalty_threshold
    from profitable
), deducted as (
    select *,
        case when is_above_penalty_threshold then round(greatest(profit - cap_pct * 0.01 * net_amount, 0), 2)
            when is_above_penalty_threshold is not null then 0 end::decimal(18,2) as deduction
    from flagged
), final as (
    select
        order_id,
        account_id,
        order_date,
        contract_id,
        under_contract,
        net_amount,
        cost_amount,
        profit,
        round(profit * 100 / net_amount, 4)::decimal(18,4) as margin_pct,
        cap_pct,
        penalty_threshold_pct,
        is_above_cap,
        is_above_penalty_threshold,
        deduction,
        (deduction * penalty_multiple)::decimal(18,2) as penalty,
        (deduction * (1 + penalty_multiple))::decimal(18,2) as amount_owed
    from deducted
)
select * from final
