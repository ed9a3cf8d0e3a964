-- OData's ChurnRates for a region-limited reader: marts.churn_rates' own rule over the visible companies only (the
-- periods are the calendar's; the accounts at risk and churned are the visible ones).
{{mart:churn_rates}}
