-- Watching the models after training (issue 19): what happened to the accounts each scoring pass scored, once its
-- horizon has passed; how far each pass's features and churn scores drifted from the training data; and the
-- alerts either raises. Names are shared by SQL, C# (Models/Monitoring) and the API (OData ModelMonitoring).

-- One row per scoring pass, model and group, written once the pass's outcome is known (as_of + horizon reached by
-- marts.as_of). A group is a region (a company's master's region) and a tier (its current marts tier), each 'all'
-- when the row covers every one; a region-limited key reads only its regions' rows, never an 'all' region row.
create table models.pass_outcomes (
    score_run_id       bigint not null,
    model              varchar not null check (model in ('churn', 'value')),
    region             varchar not null,
    tier               varchar not null,
    version            varchar not null,        -- the model version that scored the pass
    as_of              date not null,           -- the pass's day
    outcome_through    date not null,           -- as_of + horizon: the last day whose outcome counts
    evaluated_at       timestamptz not null,
    out_of_time        boolean not null,        -- the pass's day is on or after the model's holdout cutoff
    accounts           bigint not null,         -- companies scored and evaluated in the group
    churned            bigint,                  -- churn: of them, churned within the horizon
    roc_auc            double,                  -- churn: realised; null when the group has no churner or no stayer
    pr_auc             double,
    brier              double,
    calibration_error  double,                  -- churn: expected calibration error over ten bins
    trained_roc_auc    double,                  -- churn: the version's own holdout ROC AUC when trained
    predicted_value    decimal(18,2),           -- value: the group's predicted and realised net sales over the horizon
    realised_value     decimal(18,2),
    rmse               double,                  -- value: realised error per company
    mae                double,
    top20_capture      double,                  -- value: realised share of the true top fifth's sales found by the forecast
    primary key (score_run_id, model, region, tier)
);

-- One row per scoring pass and monitored quantity (every churn feature, and churn_probability): its population
-- stability index against the serving churn model's training data (active accounts at its training cutoffs, in
-- ten bins at the training deciles), and the shares of non-finite and out-of-training-range values.
create table models.pass_drift (
    score_run_id        bigint not null,
    version             varchar not null,       -- the churn version whose training data is the reference
    quantity            varchar not null,       -- a feature name, or churn_probability
    accounts            bigint not null,
    psi                 double not null,
    missing_share       double not null,
    out_of_range_share  double not null,
    primary key (score_run_id, quantity)
);

-- What crossed a monitoring.* threshold in a pass: kind psi | missing | out_of_range (subject: the quantity) or
-- auc_drop (subject: the model). raised_in is the pass whose monitoring raised it (an auc_drop concerns an older
-- pass, whose outcome became known): /health shows the latest pass's. The scoring job that raises one starts the
-- next training at once.
create table models.monitoring_alerts (
    score_run_id  bigint not null,
    raised_in     bigint not null,
    kind          varchar not null check (kind in ('psi', 'missing', 'out_of_range', 'auc_drop')),
    subject       varchar not null,
    value         double not null,
    threshold     double not null,
    raised_at     timestamptz not null,
    primary key (score_run_id, kind, subject)
);
