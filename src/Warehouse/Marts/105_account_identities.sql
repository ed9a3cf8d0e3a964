-- Grain: one row per account.
-- key: account_id
-- not null: name_text, core_name, english_core
-- accepted: legal_form in (limited, joint-stock, group)
-- references: account_id -> core.accounts.account_id
-- What duplicate detection (重复客户) compares, normalised. Names, English names and tax ids: full-width forms
-- (U+FF01..U+FF5E and the ideographic space) made half-width, lower case; names also have their traditional
-- characters simplified (core.traditional_characters).
-- core_name: the name without spaces and punctuation, without the place it opens with (北京 / 北京市 / 浙江省) or
-- carries in brackets (甬江科技（宁波）有限公司: only one of the two, the bracketed when there is one), and without its
-- legal form (有限责任公司 = 有限公司, 股份, 集团, 公司). legal_form: joint-stock (股份), group (集团), limited (有限);
-- for a Latin name only group is told apart (Co., Ltd. renders both 有限公司 and 股份有限公司). city_key: the city of
-- the name (bracketed, opening, else the first city it names: a branch's 北京分行), else the city column.
-- english_core: the English name (or the name itself when it is Latin) without the place it opens with or
-- carries in brackets and without Co./Ltd./Group words. tax_key: the tax id half-width, upper case, blanks and
-- punctuation dropped; shorter than 8 or one repeated character (0, 000000) is a placeholder: null.
-- phone_key: the phone's last 11 digits, when it has at least 7.
with accounts as (
    select account_id, name, tax_id, city, english_name, contact_phone from core.accounts
), places as (
    select name, english, kind from core.place_names
), widths as (
    select
        (select string_agg(chr(65281 + i::integer), '' order by i) from range(94) t(i)) || chr(12288) as full_width,
        (select string_agg(chr(33 + i::integer), '' order by i) from range(94) t(i)) || ' ' as half_width
), simplified_names as (
    -- Character by character through a join: translate() with the table's 430 characters as its arguments costs
    -- about 0.1 ms a name, 20 s at 150,000 accounts.
    select c.account_id, string_agg(coalesce(t.simplified, c.ch), '' order by c.i) as name
    from (select account_id, unnest(string_split(name, '')) as ch, generate_subscripts(string_split(name, ''), 1) as i from accounts) c
    left join core.traditional_characters t on t.traditional = c.ch
    group by c.account_id
), half_width as (
    -- translate() is costly per row too: only texts with a full-width form go through it.
    select
        a.account_id,
        case when regexp_matches(s.name, '[\x{FF01}-\x{FF5E}\x{3000}]') then translate(s.name, w.full_width, w.half_width) else s.name end as name,
        case when regexp_matches(a.english_name, '[\x{FF01}-\x{FF5E}\x{3000}]') then translate(a.english_name, w.full_width, w.half_width) else coalesce(a.english_name, '') end as english_name,
        case when regexp_matches(a.tax_id, '[\x{FF01}-\x{FF5E}\x{3000}]') then translate(a.tax_id, w.full_width, w.half_width) else coalesce(a.tax_id, '') end as tax_id,
        trim(coalesce(a.city, '')) as city,
        a.contact_phone
    from accounts a join simplified_names s using (account_id), widths w
), plain as (
    select
        account_id,
        lower(name) as name_text,
        lower(english_name) as english_text,
        regexp_replace(city, '市$', '') as city_text,
        upper(regexp_replace(tax_id, '[^\p{L}\p{N}]', '', 'g')) as tax_text,
        regexp_replace(coalesce(contact_phone, ''), '[^0-9]', '', 'g') as phone_digits
    from half_width
), chinese as (
    select account_id, chars, regexp_extract(chars, '\(([^)]*)\)', 1) as bracketed
    from (select account_id, regexp_replace(name_text, '[^\p{L}\p{N}()]', '', 'g') as chars from plain where regexp_matches(name_text, '\p{Han}'))
), bracket_places as (
    select c.account_id, p.name as place, p.kind
    from (select account_id, regexp_replace(bracketed, '(省|市)$', '') as place from chinese where bracketed <> '') c
    join places p on p.name = c.place
), leading_places as (
    select c.account_id, arg_max(p.name, length(p.name)) as place, arg_max(p.kind, length(p.name)) as kind
    from chinese c join places p on starts_with(c.chars, p.name)
    where c.account_id not in (select account_id from bracket_places)
    group by c.account_id
), named_cities as (
    select c.account_id, arg_min(p.name, instr(c.chars, p.name)) as city
    from chinese c join places p on p.kind = 'city' and contains(c.chars, p.name)
    group by c.account_id
), chinese_cores as (
    select
        c.account_id,
        regexp_replace(
            regexp_replace(
                case
                    when b.place is not null then replace(c.chars, '(' || c.bracketed || ')', '')
                    when l.place is not null then regexp_replace(c.chars[length(l.place) + 1:], '^(省|市|自治区)', '')
                    else c.chars
                end,
                '股份有限公司|有限责任公司|有限公司|股份公司|集团|公司', '', 'g'),
            '[()]', '', 'g') as core_name,
        case when c.chars like '%股份%' then 'joint-stock' when c.chars like '%集团%' then 'group' when c.chars like '%有限%' then 'limited' end as legal_form,
        coalesce(case when b.kind = 'city' then b.place end, case when l.kind = 'city' then l.place end, n.city) as name_city
    from chinese c
    left join bracket_places b using (account_id)
    left join leading_places l using (account_id)
    left join named_cities n using (account_id)
), english_words as (
    -- The English name, or the name itself when it is written in Latin letters; brackets kept apart as their own words.
    select
        account_id,
        trim(regexp_replace(regexp_replace(replace(source, '''', ''), '\(([^)]*)\)', ' [\1] ', 'g'), '[^a-z0-9\[\]]+', ' ', 'g')) as words,
        source = name_text as from_name
    from (
        select account_id, name_text, case when english_text <> '' then english_text when not regexp_matches(name_text, '\p{Han}') then name_text else '' end as source
        from plain
    )
), english_cores as (
    select
        e.account_id,
        e.from_name,
        regexp_replace(
            regexp_replace(
                regexp_replace(e.words, '\[[^\]]*\]', '', 'g') || case when bp.english is null and e.words like '%[%]%' then regexp_extract(e.words, '\[([^\]]*)\]', 1) else '' end,
                '\b(co|company|ltd|limited|corp|corporation|inc|incorporated|group|holdings|holding|plc|llc|the)\b', '', 'g'),
            '[^a-z0-9]', '', 'g') as core,
        e.words like '%group%' as is_group,
        coalesce(case when bp.kind = 'city' then bp.name end, case when lp.kind = 'city' then lp.name end) as name_city,
        lp.english as leading_place
    from english_words e
    left join places bp on bp.english = replace(regexp_extract(e.words, '\[([^\]]*)\]', 1), ' ', '')
    left join places lp on lp.english = split_part(e.words, ' ', 1) and e.words like '% %'
), english_stripped as (
    select
        account_id, from_name, is_group, name_city,
        case when leading_place is not null and starts_with(core, leading_place) and length(core) > length(leading_place)
             then core[length(leading_place) + 1:] else core end as core
    from english_cores
), final as (
    select
        p.account_id,
        p.name_text,
        coalesce(c.core_name, case when e.from_name then e.core end, '') as core_name,
        coalesce(e.core, '') as english_core,
        coalesce(c.legal_form, case when e.from_name and e.is_group then 'group' end) as legal_form,
        coalesce(c.name_city, case when e.from_name then e.name_city end, nullif(p.city_text, '')) as city_key,
        case when length(p.tax_text) >= 8 and replace(p.tax_text, left(p.tax_text, 1), '') <> '' then p.tax_text end as tax_key,
        case when length(p.phone_digits) >= 7 then right(p.phone_digits, 11) end as phone_key
    from plain p
    left join chinese_cores c using (account_id)
    left join english_stripped e using (account_id)
)
select * from final
