-- Included as {{scoped_curve}} after {{scoped_tiers}}: marts.pareto_curve's rule over the visible companies only.
scoped_curve as (
    select
        rank,
        master_account_id,
        name,
        value,
        cumulative_value,
        rank / count(*) over () as account_share,
        cumulative_share as value_share,
        tier
    from scoped_tiers
    where rank is not null
)
