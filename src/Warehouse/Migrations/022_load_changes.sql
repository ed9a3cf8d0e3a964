-- What each load changed, so that the refresh after it rebuilds only that (docs/marts.md, "After a load"): one row
-- per load and order or ticket it wrote or replaced (an order's lines count as the order), with its account and the
-- contract it names, the old owner of a replaced row as well as the new one. data_version is the version the load raised the data to. Every other input of the marts
-- (accounts, products, contracts, calendars, settings, decisions) is compared whole by meta.marts_inputs.
-- Rows the marts have caught up with are deleted by the refresh.
create table meta.load_changes (data_version bigint not null, entity varchar not null, account_id varchar not null, contract_id varchar,
    order_id varchar, ticket_id varchar);

-- The fingerprint of the marts' inputs that meta.load_changes does not describe, as the last refresh saw them: a
-- refresh that finds it changed (a setting, an account, a contract, a mart's own text) rebuilds every mart.
create table meta.marts_inputs (fingerprint varchar);
insert into meta.marts_inputs values (null);
