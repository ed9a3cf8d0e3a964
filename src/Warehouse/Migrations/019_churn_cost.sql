-- The cost of churn (issue 16: 挽留价值, what keeping an account at risk is worth): churn_cost = the churn
-- probability, taken to six decimals, times the predicted value (next period's sales), rounded half away from zero
-- to the cent. Computed here, once, so the account page, the AccountScores and ChurnCostByTier sets and the
-- dashboard's panel add up the same cents: a group's cost is exactly the sum of its companies'.
create or replace view models.current_scores as
select
    s.*,
    round(s.churn_probability::decimal(9,6) * s.predicted_value, 2)::decimal(18,2) as churn_cost
from models.account_scores s
where s.score_run_id = (select max(score_run_id) from models.score_runs);
