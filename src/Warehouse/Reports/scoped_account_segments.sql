-- OData's AccountSegments for a region-limited reader: marts.account_segments with the rank among the visible
-- companies instead of the whole book's.
with {{scoped_tiers}}
select s.* replace (t.rank as rank)
from marts.account_segments s
join scoped_tiers t using (master_account_id)
where {{visible:s.account_id}}
