-- OData's TierMigrations for a region-limited reader: marts.tier_migrations' own rule over the visible companies only.
{{mart:tier_migrations}}
