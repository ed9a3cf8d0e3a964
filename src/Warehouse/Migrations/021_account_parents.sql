-- Groups of companies (集团客户, issue 18): an account may name its parent company, another account. The loader
-- takes it from the optional parent_account_id column of the accounts file; a row whose parent has not arrived
-- waits, and a parent that would close a cycle is rejected (docs/loading.md#parents). marts.group_members and
-- marts.groups roll the companies up to their top-most ancestor.
alter table core.accounts add column parent_account_id varchar;
