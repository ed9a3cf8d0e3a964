-- Core tables: one row per business key, latest file wins. batch_id says which file it came from.
create table core.accounts (
    account_id  varchar not null,
    name        varchar not null,
    tax_id      varchar,
    industry    varchar,
    region      varchar,
    city        varchar,
    owner       varchar,
    created_on  date,
    english_name varchar,
    contact_name varchar,
    contact_phone varchar,
    batch_id    bigint not null
);

-- The attributes segmentation depends on, as they were over time (type-2 history).
create table core.account_history (
    account_id  varchar not null,
    name        varchar not null,
    tax_id      varchar,
    industry    varchar,
    region      varchar,
    city        varchar,
    owner       varchar,
    valid_from  timestamptz not null,
    valid_to    timestamptz,
    batch_id    bigint not null
);

create table core.products (
    product_id  varchar not null,
    name        varchar not null,
    category    varchar,
    list_price  decimal(18,2),
    unit_cost   decimal(18,2),
    batch_id    bigint not null
);

create table core.contracts (
    contract_id           varchar not null,
    account_id            varchar not null,
    start_date            date not null,
    end_date              date not null,
    auto_renew            boolean,
    notice_days           integer,
    renewal_months        integer,
    annual_fee            decimal(18,2),
    payment_terms_days    integer,
    margin_cap_pct        decimal(9,4),
    penalty_threshold_pct decimal(9,4),
    response_hours        decimal(9,2),
    onsite_hours          decimal(9,2),
    service_start         time,
    service_end           time,
    time_zone             varchar not null,
    holiday_calendar      varchar not null,
    terminated_on         date,
    batch_id              bigint not null
);

create table core.orders (
    order_id     varchar not null,
    account_id   varchar not null,
    order_date   date not null,
    channel      varchar,
    contract_id  varchar,
    amount       decimal(18,2),
    invoice_date date,
    due_date     date,
    paid_date    date,
    batch_id     bigint not null
);

create table core.order_lines (
    order_id    varchar not null,
    line_no     integer not null,
    product_id  varchar not null,
    quantity    decimal(18,4) not null,
    unit_price  decimal(18,4) not null,
    unit_cost   decimal(18,4),
    discount    decimal(9,6) not null,
    batch_id    bigint not null
);

create table core.tickets (
    ticket_id             varchar not null,
    account_id            varchar not null,
    contract_id           varchar,
    kind                  varchar not null,
    priority              varchar,
    contact               varchar,
    is_designated_contact boolean,
    opened_at             timestamptz not null,
    first_response_at     timestamptz,
    onsite_at             timestamptz,
    resolved_at           timestamptz,
    closed_at             timestamptz,
    satisfaction          integer,
    engineer              varchar,
    site                  varchar,
    batch_id              bigint not null
);
