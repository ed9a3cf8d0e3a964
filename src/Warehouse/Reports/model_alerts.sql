-- The model monitoring alerts the latest scoring pass raised (models.monitoring_alerts), for a caller who sees every
-- company: drift and the realised AUC are measured over the whole book, so a region-limited caller gets none.
with {{companies}}, everyone as (
    select not exists (select 1 from core.accounts a where not {{visible:a.account_id}}) as sees_all
), final as (
    select score_run_id, kind, subject, value, threshold
    from models.monitoring_alerts
    where raised_in = (select max(score_run_id) from models.score_runs)
        and (select sees_all from everyone)
)
select * from final order by kind, subject
