-- The company's ($1) next best actions in the latest scoring pass (models.next_actions), rank 1 first.
with final as (
    select a.action, a.rank, a.feature, a.current_value, a.healthy_value, a.churn_probability, a.probability_after, a.due_by
    from models.next_actions a
    where a.account_id = $1 and {{visible:a.account_id}}
        and a.score_run_id = (select max(score_run_id) from models.score_runs)
)
select * from final order by rank
