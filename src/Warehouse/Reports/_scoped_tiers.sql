-- Included as {{scoped_tiers}}: marts.account_tiers as a region-limited reader may see it, every figure recomputed
-- over the visible companies only (rank, cumulative value and share of the visible companies' value), so that no
-- row carries the whole book's total or a foreign company's value. The tier stays the company's own (the
-- company-wide 80/20 segmentation, a label: docs/access-and-campaigns.md says why).
scoped_tiers as (
    select
        t.master_account_id,
        t.name,
        t.value,
        case when t.rank is not null then row_number() over ranked end as rank,
        case when t.rank is not null then sum(t.value) over (ranked rows unbounded preceding) end as cumulative_value,
        case when t.rank is not null then sum(t.value) over (ranked rows unbounded preceding) end
            / sum(t.value) filter (where t.rank is not null) over () as cumulative_share,
        t.tier,
        t.window_start,
        t.window_end
    from marts.account_tiers t
    where {{visible:t.master_account_id}}
    window ranked as (partition by t.rank is not null order by t.value desc, t.master_account_id)
)
