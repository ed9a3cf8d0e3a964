-- Churn as an export states it (churn.definition = label): the day an account churned, or a churned yes/no flag
-- with the day that flag describes (a subscription export's "Churn" column as of its extract date).
alter table core.accounts add column churned_on date;
alter table core.accounts add column churned boolean;
alter table core.accounts add column churn_label_as_of date;
