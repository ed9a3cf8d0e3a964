-- Who the company is ($1: its master account) and where it stands today: names, the duplicates merged into it,
-- owner, region, contact consent, 80/20 tier, level, lifecycle stage and RFM segment (marts.account_segments).
with company as (
    select account_id from marts.account_merge_map where master_account_id = $1
), duplicates as (
    select string_agg(a.account_id || ' ' || a.name, '; ' order by a.account_id) as duplicates
    from company c join core.accounts a using (account_id)
    where a.account_id <> $1
), final as (
    select
        a.account_id, a.name, a.english_name, a.tax_id, a.industry, a.region, a.city, a.owner, a.created_on,
        a.contact_consent, d.duplicates, s.tier, s.level::bigint as level, s.lifecycle_stage, s.rfm_segment, s.churned_on,
        (select as_of_date from marts.as_of) as as_of
    from core.accounts a
    cross join duplicates d
    left join marts.account_segments s using (account_id)
    where a.account_id = $1 and {{visible:a.account_id}}
)
select * from final
