-- Grain: one row per account per kind of match (tax_id, name) that it shares with at least one other account.
-- key: account_id, match_kind
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
), normalised as (
    select
        a.*,
        replace(lower(regexp_replace(translate(a.name, w.full_width, w.half_width), '[^\p{L}\p{N}]', '', 'g')),
            '有限责任公司', '有限公司') as name_key,
        upper(regexp_replace(translate(coalesce(a.tax_id, ''), w.full_width, w.half_width), '[^\p{L}\p{N}]', '', 'g')) as tax_text
    from accounts a, widths w
), keyed as (
    select
        * exclude (tax_text),
        case when length(tax_text) >= 8 and replace(tax_text, left(tax_text, 1), '') <> '' then tax_text end as tax_key
    from normalised
), tax_matches as (
    select account_id, 'tax_id' as match_kind, tax_key as match_key, count(*) over (partition by tax_key) as accounts,
        true as merged
    from keyed
    where tax_key is not null
), name_matches as (
    select account_id, 'name' as match_kind, name_key as match_key, count(*) over (partition by name_key) as accounts,
        count(distinct tax_key) over (partition by name_key) <= 1 as merged
    from keyed
    where name_key <> ''
), final as (
    select m.*, k.name, k.tax_id, k.created_on
    from (select * from tax_matches union all select * from name_matches) m
    join keyed k using (account_id)
    where m.accounts > 1
)
select * from final
