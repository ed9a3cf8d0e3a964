-- Nothing of an export is dropped without a word.
-- Accounts keep the source columns that no canonical column took, as a JSON object of source column name -> value
-- as text, so analysts, campaigns and models can use what each export carries (a churn label, a contract type).
alter table core.accounts add column attributes json;

-- A mapping's transform may merge source rows (the events of a ticket into the ticket) or leave some out; the
-- ledger counts both, so rows_read = rows_loaded + rows_rejected + rows_pending + rows_merged + rows_dropped.
alter table meta.load_batches add column rows_merged bigint default 0;
alter table meta.load_batches add column rows_dropped bigint default 0;
