-- Model runs and account scores (issue 5). The dashboard, OData (AccountScores) and campaigns read
-- models.current_scores; names here are shared by SQL, C# and the API, so change them everywhere or not at all.
create schema if not exists models;

create sequence models.run_seq start 1;

-- One row per training of one model. Only one run per model serves at a time: a new run serves only
-- if it is at least as good as the serving one on the same holdout (serving_reason says why or why not).
create table models.model_runs (
    run_id            bigint primary key,
    model             varchar not null check (model in ('churn', 'value', 'clv', 'renewal')),
    version           varchar not null unique,   -- e.g. churn-20261128-1
    algorithm         varchar not null,          -- FastTree, LightGbm, BG/NBD+Gamma-Gamma, sBG ...
    trained_at        timestamptz not null,
    data_version      bigint not null,           -- meta.data_version when trained
    train_from        date,                      -- first and last cutoff of the training window
    train_to          date,
    holdout_cutoff    date,                      -- the later cutoff it was evaluated on (out of time)
    features          varchar[] not null,
    metrics           json not null,             -- the model's holdout metrics
    baseline_metrics  json,                      -- the simple baseline's on the same holdout
    is_serving        boolean not null default false,
    serving_reason    varchar,
    artifact          blob                       -- ML.NET model zip or fitted parameters as JSON
);

-- One row per scoring pass over every account.
create table models.score_runs (
    score_run_id   bigint primary key,
    scored_at      timestamptz not null,
    as_of          date not null,
    data_version   bigint not null,
    churn_version  varchar,
    value_version  varchar,
    clv_version    varchar,
    renewal_version varchar,
    accounts       bigint not null
);

-- Scores per account per scoring pass (history kept, so "risk rising" is a comparison of two passes).
create table models.account_scores (
    score_run_id               bigint not null,
    account_id                 varchar not null,
    as_of                      date not null,
    churn_probability          double,          -- probability of churning (marts definition) in the next period
    churn_risk_band            varchar,         -- high | medium | low
    churn_probability_change   double,          -- against the previous scoring pass, null if none
    churn_reasons              json,            -- [{"feature","value","effect","en","zh"}...], strongest first; effect > 0 raises risk
    value_ml                   decimal(18,2),   -- ML.NET regression: next-period value
    value_bgnbd                decimal(18,2),   -- BG/NBD x Gamma-Gamma: next-period value
    predicted_value            decimal(18,2),   -- the serving method's figure (model_runs 'value' says which)
    predicted_tier             varchar,         -- A | B | C from predicted_value, 80/20 as the marts cut tiers
    expected_purchases         double,          -- BG/NBD over the horizon setting
    p_alive                    double,
    expected_spend             decimal(18,2),   -- Gamma-Gamma expected spend per purchase
    clv                        decimal(18,2),   -- discounted, over the CLV horizon setting
    contract_id                varchar,         -- the contract up for renewal next, if any
    cancel_by                  date,
    non_renewal_probability    double,          -- probability of not renewing before cancel_by
    primary key (score_run_id, account_id)
);

create view models.current_scores as
select s.* from models.account_scores s
where s.score_run_id = (select max(score_run_id) from models.score_runs);
