-- Next best actions and what-if (issue 18). Names are shared by SQL, C# (Models/Actions) and the API (OData
-- NextActions, POST /api/accounts/{id}/whatif).

-- One row per master account and recommended action of a scoring pass, rank 1 first: the driver (a churn feature
-- the account can change), its value now and once the action is done, and the churn probability now and re-scored
-- with that value by the pass's churn model. Written by the scoring pass with its scores.
create table models.next_actions (
    score_run_id       bigint not null,
    account_id         varchar not null,       -- the master account (a company)
    action             varchar not null check (action in ('renewal_call', 'service_review', 'finance_follow_up', 'visit', 'complaint_follow_up', 'price_review')),
    rank               integer not null,
    feature            varchar not null,
    current_value      double not null,
    healthy_value      double not null,
    churn_probability  double not null,
    probability_after  double not null,
    due_by             date,                   -- renewal_call: the cancel-by day to call before
    primary key (score_run_id, account_id, action)
);

-- The churn features of every master account the latest pass scored, in the order of the churn run's features
-- (models.model_runs.features): what a what-if re-scores. Older passes' rows are deleted when a pass writes.
create table models.scored_features (
    score_run_id  bigint not null,
    account_id    varchar not null,
    features      double[] not null,
    primary key (score_run_id, account_id)
);
