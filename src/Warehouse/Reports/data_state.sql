-- What cached charts and tiles depend on besides their parameters: the data version and the latest score run.
select (select version from meta.data_version) as data_version, (select max(score_run_id) from models.score_runs) as score_run_id
