-- What cached charts and tiles depend on besides their parameters: the data version, the latest score run, and the
-- marts' build (every refresh re-creates the mart tables, and a re-created table gets a new oid), so that a figure
-- computed between a load and the mart rebuild after it is not kept.
select
    (select version from meta.data_version) as data_version,
    (select max(score_run_id) from models.score_runs) as score_run_id,
    (select max(table_oid) from duckdb_tables() where schema_name = 'marts') as marts_build
