-- OData's AccountTiers for a region-limited reader: marts.account_tiers recomputed over the visible companies.
with {{scoped_tiers}}
select * from scoped_tiers
