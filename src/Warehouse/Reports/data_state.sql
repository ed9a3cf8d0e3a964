-- What cached charts and tiles depend on besides their parameters: the data version, the latest score run, and the
-- marts' build, so that a figure computed between a load and the mart rebuild after it is not kept: a full refresh
-- re-creates the mart tables (a re-created table gets a new oid), a refresh after loads may only replace rows but
-- raises meta.marts_version; neither goes down, so their sum rises with every refresh.
select
    (select version from meta.data_version) as data_version,
    (select max(score_run_id) from models.score_runs) as score_run_id,
    (select max(table_oid) from duckdb_tables() where schema_name = 'marts') + coalesce((select version from meta.marts_version), 0) as marts_build
