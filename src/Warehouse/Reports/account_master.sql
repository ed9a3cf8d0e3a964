-- The company an account id belongs to, if the caller may see it: its master account (itself when the marts have not
-- merged it yet). No row: no such account, or one outside the caller's scope (the page answers 404 for both).
select coalesce(m.master_account_id, a.account_id) as master_account_id
from core.accounts a
left join marts.account_merge_map m using (account_id)
where a.account_id = $1 and {{visible:a.account_id}}
