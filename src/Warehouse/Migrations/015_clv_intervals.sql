-- 90% intervals of the CLV fit's figures (issue 19). clv_low/clv_high and clv_expected_purchases_low/_high: the
-- parametric bootstrap's 5th and 95th percentiles of clv and of the purchases expected over the CLV horizon (the
-- parameters' uncertainty); clv_purchases_low/_high: the predictive interval of the purchases the account will
-- actually make over that horizon (whole purchase days, so it holds at least 90%). Null where no clv was fitted.
alter table models.account_scores add column clv_low decimal(18,2);
alter table models.account_scores add column clv_high decimal(18,2);
alter table models.account_scores add column clv_expected_purchases double;
alter table models.account_scores add column clv_expected_purchases_low double;
alter table models.account_scores add column clv_expected_purchases_high double;
alter table models.account_scores add column clv_purchases_low integer;
alter table models.account_scores add column clv_purchases_high integer;

-- A view binds its columns when it is created: recreated so the current pass carries the new ones.
create or replace view models.current_scores as
select s.* from models.account_scores s
where s.score_run_id = (select max(score_run_id) from models.score_runs);
