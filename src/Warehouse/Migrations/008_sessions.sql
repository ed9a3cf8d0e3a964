-- Dashboard sign-ins. The browser's cookie holds a random session token, never the API key; the warehouse keeps
-- only the token's SHA-256, the key it signs in as, and when it ends (expiry or sign-out).
create table access.sessions (
    session_hash  varchar primary key,   -- lowercase hex SHA-256 of the token
    key_id        bigint not null,
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    ended_at      timestamptz            -- set at sign-out
);
