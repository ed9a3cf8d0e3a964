-- Marketing targets and campaigns (issue 8). A target is a saved rule (JSON, see Campaigns/TargetRule.cs);
-- a campaign is a target frozen on a day: its members as they stood then, with their scores and reasons.
-- Members carry no contact fields: those are read from core.accounts when a list is shown or exported, so
-- each reader gets only what their role and the contact's consent allow.
create schema if not exists campaigns;

create sequence campaigns.target_seq start 1;
create sequence campaigns.campaign_seq start 1;

create table campaigns.targets (
    target_id   bigint primary key,
    name        varchar not null,
    rule        json not null,
    created_at  timestamptz not null,
    created_by  varchar not null              -- the name of the key that saved it
);

create table campaigns.campaigns (
    campaign_id       bigint primary key,
    name              varchar not null,
    target_id         bigint,                 -- null when frozen from an unsaved rule
    rule              json not null,
    frozen_on         date not null,          -- marts.as_of when frozen: the campaign starts the day after
    frozen_at         timestamptz not null,
    regions           varchar[],              -- the freezing key's regions (null: all)
    control_fraction  decimal(5,4) not null,  -- share of members held out as the control group
    control_seed      integer not null,
    created_by        varchar not null
);

-- Grain: one row per campaign per member account (master accounts only: a company is targeted once).
create table campaigns.campaign_members (
    campaign_id               bigint not null,
    account_id                varchar not null,
    is_control                boolean not null,
    name                      varchar not null,
    region                    varchar,
    industry                  varchar,
    tier                      varchar,
    level                     integer,
    lifecycle_stage           varchar,
    churn_probability         double,
    churn_probability_change  double,
    predicted_value           decimal(18,2),
    revenue_12m               decimal(18,2) not null,
    cancel_by                 date,
    top_reasons               varchar,
    primary key (campaign_id, account_id)
);
