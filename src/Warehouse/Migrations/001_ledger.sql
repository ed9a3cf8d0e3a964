-- The load ledger: one row per file offered to the warehouse, and every row it did not keep.
create schema if not exists meta;
create schema if not exists staging;
create schema if not exists core;
create schema if not exists marts;

create sequence meta.batch_seq start 1;

-- data_version increments with every successful load; caches key on it.
create table meta.data_version (version bigint not null);
insert into meta.data_version values (0);

create table meta.load_batches (
    batch_id       bigint primary key,
    file_name      varchar not null,
    file_path      varchar not null,
    entity         varchar,
    sha256         varchar not null,
    status         varchar not null check (status in ('loaded', 'failed')),
    rows_read      bigint not null default 0,
    rows_loaded    bigint not null default 0,
    rows_rejected  bigint not null default 0,
    rows_pending   bigint not null default 0,
    started_at     timestamptz not null,
    finished_at    timestamptz not null,
    error          varchar
);

-- raw_row is the source row as JSON under its own column names, so nothing of it is lost.
create table meta.rejects (
    batch_id     bigint not null,
    file_name    varchar not null,
    source_line  bigint,
    raw_row      varchar,
    reason       varchar not null
);

-- Rows whose parent (account, order, product, contract) has not arrived yet. They are
-- not loaded and not rejected: each later load retries them, and a row loads as soon as
-- its parent exists. raw_row holds the canonical columns as text, ready to be checked again.
create table staging.pending_rows (
    batch_id     bigint not null,
    entity       varchar not null,
    source_line  bigint,
    raw_row      json not null,
    waiting_for  varchar not null
);
