-- Grain: one row per candidate pair of accounts worth a look (smaller account id first).
-- key: account_id, other_account_id
-- not null: score, rule, status, merged
-- accepted: status in (merged, confirmed, review, rejected, apart)
-- accepted: decision in (confirmed, rejected)
-- references: account_id -> core.accounts.account_id
-- references: other_account_id -> core.accounts.account_id
-- Duplicate companies (重复客户), compared on marts.account_identities. Candidates are the pairs that share a tax
-- id, a core name, an English core, a phone, or the first two characters of the core name in one city (blocks of at
-- most 1,000 accounts, so 150,000 accounts stay fast), and every pair a person decided. Score, first rule that holds:
-- same tax id 1.00; different tax ids 0.00 (one name under two tax ids is two companies); different cities or legal
-- forms 0.00 (one brand in two cities, two branches of one bank, a group and its company); same core name 0.95,
-- unless the name is ambiguous (its accounts carry two or more tax ids); same English core 0.90; names at least 0.90
-- alike (Jaro-Winkler on the core names) with the same phone 0.90; else 0.8 x that similarity (电气 / 电器: 0.71).
-- A pair merges at duplicates.merge_score; from duplicates.review_score it waits for a person. A person's decision
-- (core.duplicate_decisions) overrides the score: confirmed merges, rejected keeps the two apart.
with identities as (
    select * from marts.account_identities
), settings as (
    select
        (select value::decimal(4, 2) from meta.settings where key = 'duplicates.merge_score') as merge_score,
        (select value::decimal(4, 2) from meta.settings where key = 'duplicates.review_score') as review_score
), blocks as (
    select account_id, 'tax:' || tax_key as block from identities where tax_key is not null
    union all select account_id, 'name:' || core_name from identities where core_name <> ''
    union all select account_id, 'english:' || english_core from identities where english_core <> ''
    union all select account_id, 'phone:' || phone_key from identities where phone_key is not null
    -- Names alike but in two cities score 0: the likeness block stays within a city.
    union all select account_id, 'prefix:' || left(core_name, 2) || ':' || coalesce(city_key, '') from identities where length(core_name) >= 2
), sized as (
    select *, count(*) over (partition by block) as block_size from blocks
), candidates as (
    select a.account_id, b.account_id as other_account_id
    from sized a join sized b on a.block = b.block and a.account_id < b.account_id
    where a.block_size <= 1000
    union
    select account_id, other_account_id from core.duplicate_decisions
), ambiguous_names as (
    select core_name, city_key, legal_form from identities where core_name <> ''
    group by all having count(distinct tax_key) >= 2
), flagged as (
    select i.*, m.core_name is not null as ambiguous_name
    from identities i
    left join ambiguous_names m
        on m.core_name = i.core_name and m.city_key is not distinct from i.city_key and m.legal_form is not distinct from i.legal_form
), features as (
    select
        c.account_id,
        c.other_account_id,
        coalesce(a.tax_key = b.tax_key, false) as tax_id_equal,
        coalesce(a.tax_key <> b.tax_key, false) as tax_id_conflict,
        coalesce(a.city_key <> b.city_key, false) as city_conflict,
        coalesce(a.legal_form <> b.legal_form, false) as legal_form_conflict,
        a.core_name = b.core_name and a.core_name <> '' as name_equal,
        round(jaro_winkler_similarity(
            array_to_string(list_transform(string_split(a.core_name, ''), ch -> chr(32 + list_position(c.alphabet, ch))), ''),
            array_to_string(list_transform(string_split(b.core_name, ''), ch -> chr(32 + list_position(c.alphabet, ch))), '')), 3) as name_similarity,
        a.english_core = b.english_core and a.english_core <> '' as english_name_equal,
        coalesce(a.phone_key = b.phone_key, false) as phone_equal,
        a.ambiguous_name or b.ambiguous_name as ambiguous_name
    from (
        -- DuckDB's jaro_winkler_similarity compares bytes, three to a Chinese character: each pair's characters are
        -- numbered (as !, ", #...), so that it compares characters.
        select p.*, list_distinct(string_split(x.core_name, '') || string_split(y.core_name, '')) as alphabet
        from candidates p join identities x on x.account_id = p.account_id join identities y on y.account_id = p.other_account_id
    ) c
    join flagged a on a.account_id = c.account_id
    join flagged b on b.account_id = c.other_account_id
), scored as (
    select
        *,
        case
            when tax_id_equal then 'same tax id'
            when tax_id_conflict then 'different tax ids'
            when city_conflict then 'different cities'
            when legal_form_conflict then 'different legal forms'
            when name_equal and not ambiguous_name then 'same name'
            when english_name_equal and not ambiguous_name then 'same English name'
            when name_similarity >= 0.9 and phone_equal then 'similar name, same phone'
            else 'similar name'
        end as rule
    from features
), decided as (
    select
        s.*,
        case s.rule
            when 'same tax id' then 1.00
            when 'same name' then 0.95
            when 'same English name' then 0.90
            when 'similar name, same phone' then 0.90
            when 'similar name' then round(0.8 * s.name_similarity, 2)
            else 0.00
        end::decimal(3, 2) as score,
        d.decision,
        d.decided_by,
        d.decided_at
    from scored s
    left join core.duplicate_decisions d using (account_id, other_account_id)
), final as (
    select
        d.* exclude (decision, decided_by, decided_at),
        coalesce(d.decision, case when d.score >= t.merge_score then 'merged' when d.score >= t.review_score then 'review' else 'apart' end) as status,
        coalesce(d.decision = 'confirmed', d.score >= t.merge_score) as merged,
        d.decision,
        d.decided_by,
        d.decided_at
    from decided d, settings t
    where d.decision is not null or d.score >= t.review_score or d.name_equal or d.english_name_equal or d.tax_id_equal
)
select * from final
