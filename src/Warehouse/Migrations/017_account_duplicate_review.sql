-- Duplicate companies (重复客户, issue 16). A person's verdict on a candidate pair of accounts (confirmed: one
-- company; rejected: two), kept apart from the loaded accounts so that it holds across reloads and refreshes: the
-- marts read it on every build (marts.account_duplicates, marts.account_merge_map). One row per pair, the smaller
-- account id first, whatever order the person named them in.
create table core.duplicate_decisions (
    account_id        varchar not null,
    other_account_id  varchar not null,
    decision          varchar not null check (decision in ('confirmed', 'rejected')),
    decided_by        varchar not null,
    decided_at        timestamptz not null,
    primary key (account_id, other_account_id),
    check (account_id < other_account_id)
);

-- The reference lists the duplicate rules read, refreshed from the shipped files (Marts/Reference/*.csv) each
-- time the warehouse opens, like the holiday calendars.
-- Places a company name may open with or carry in brackets (北京, 北京市, （宁波）): the city ones decide whether
-- two records sit in different cities; English names are lower case without blanks (xian, hongkong).
create table core.place_names (
    name     varchar primary key,
    english  varchar not null,
    kind     varchar not null check (kind in ('country', 'province', 'city'))
);

-- Traditional characters that occur in company names, each with its simplified form (華 -> 华).
create table core.traditional_characters (
    traditional  varchar primary key,
    simplified   varchar not null
);
