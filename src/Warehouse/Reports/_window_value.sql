-- Included as {{window_value}}: each company's revenue (net sales) in the report's window.
window_value as (
    select o.master_account_id, sum(o.value) as value
    from marts.account_order_months o, report_window w
    where o.month >= w.window_start
    group by all
)
