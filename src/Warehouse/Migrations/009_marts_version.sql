-- The data version the marts were last built from, written in the refresh's own transaction. A load that committed
-- without the rebuild after it (a process killed in between, or 'analytics load', which does not refresh) leaves it
-- behind meta.data_version: /health says the marts are stale, and the service's start rebuilds them.
-- NULL until the first refresh records it, so marts built before this migration count as stale once.
create table meta.marts_version (version bigint);
insert into meta.marts_version values (null);
