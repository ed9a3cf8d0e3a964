-- Grain: one row per account per kind of match (tax_id, name) that it shares with at least one other account.
-- key: account_id, match_kind
-- not null: match_key, accounts, merged
-- accepted: match_kind in (tax_id, name)
-- references: account_id -> core.accounts.account_id
-- Duplicate candidates (重复客户). Tax ids compare with full-width forms made half-width, punctuation and
-- whitespace dropped, upper case; one shorter than 8 characters or of one repeated character (0, 无, 000000)
-- is a placeholder and matches nothing. Names compare the same way, case folded, with 有限责任公司 read as
-- 有限公司 (one legal form). 股份有限公司 and (集团) stay: a joint-stock company or a group is another legal
-- entity, and the same company renamed keeps its tax id, which the tax_id match catches.
-- A name shared by accounts with two or more different tax ids names different companies: listed, not merged.
with accounts as (
    select account_id, name, tax_id, created_on from core.accounts
), widths as (
    select string_agg(chr(65281 + i::integer), '' order by i) as full_width, string_agg(chr(33 + i::integer), '' order by i) as half_width
    from range(94) as t(i)
), half_width as (
    -- translate is costly per row: only names and tax ids with a full-width form (U+FF01..U+FF5E) go through it.
    select
        a.*,
        case when regexp_matches(a.name, '[\x{FF01}-\x{FF5E}]') then translate(a.name, w.full_width, w.half_width) else a.name end as half_name,
        case when regexp_matches(a.tax_id, '[\x{FF01}-\x{FF5E}]') then translate(a.tax_id, w.full_width, w.half_width) else a.tax_id end as half_tax_id
    from accounts a, widths w
), normalised as (
    select
        * exclude (half_name, half_tax_id),
        replace(lower(regexp_replace(half_name, '[^\p{L}\p{N}]', '', 'g')), '有限责任公司', '有限公司') as name_key,
        upper(regexp_replace(coalesce(half_tax_id, ''), '[^\p{L}\p{N}]', '', 'g')) as tax_text
    from half_width
), keyed as (
    select
        * exclude (tax_text),
        case when length(tax_text) >= 8 and replace(tax_text, left(tax_text, 1), '') <> '' then tax_text end as tax_key
    from normalised
), tax_matches as (
    select account_id, 'tax_id' as match_kind, tax_key as match_key, count(*) over (partition by tax_key) as accounts,
        true as merged, name, tax_id, created_on
    from keyed
    where tax_key is not null
), name_matches as (
    select account_id, 'name' as match_kind, name_key as match_key, count(*) over (partition by name_key) as accounts,
        count(distinct tax_key) over (partition by name_key) <= 1 as merged, name, tax_id, created_on
    from keyed
    where name_key <> ''
), final as (
    select * from tax_matches where accounts > 1
    union all
    select * from name_matches where accounts > 1
)
select * from final
