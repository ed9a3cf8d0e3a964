-- API keys and their roles (issue 8). A key itself is never stored: only its SHA-256, so a copy of the
-- warehouse file gives nobody a way in. key_prefix (the first characters) lets a person tell keys apart.
create schema if not exists access;

create sequence access.key_seq start 1;

create table access.api_keys (
    key_id      bigint primary key,
    name        varchar not null,
    role        varchar not null check (role in ('admin', 'manager', 'analyst', 'marketing')),
    regions     varchar[],                 -- null: every region; otherwise the only regions this key sees
    key_hash    varchar not null unique,   -- lowercase hex SHA-256 of the key's UTF-8 bytes
    key_prefix  varchar not null,
    created_at  timestamptz not null,
    revoked_at  timestamptz
);

-- Whether the account's contact person agreed to be contacted for marketing. Unknown (null) counts as no:
-- marketing sees contact fields only where this is true.
alter table core.accounts add column contact_consent boolean;
