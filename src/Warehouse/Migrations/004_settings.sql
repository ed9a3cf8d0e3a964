-- Settings that marts and models read (window, basis, cut points, churn days...). Defaults come
-- from Marts/Settings/*.csv on every open; a value a user set is never overwritten.
create table meta.settings (
    key          varchar primary key,
    value        varchar,
    description  varchar not null,
    is_default   boolean not null default true
);
