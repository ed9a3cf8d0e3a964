-- Grain: one row per master account that ordered on or before as_of.
-- key: master_account_id
-- not null: recency_days, frequency, monetary, segment
-- accepted: segment in (champions, loyal, potential loyalists, new, promising, need attention, about to sleep, at risk, can't lose them, hibernating, lost)
-- accepted: r_score in (1, 2, 3, 4, 5)
-- accepted: f_score in (1, 2, 3, 4, 5)
-- accepted: m_score in (1, 2, 3, 4, 5)
-- accepted: fm_score in (1, 2, 3, 4, 5)
-- references: master_account_id -> core.accounts.account_id
-- RFM at as_of: recency_days since the last order; frequency = orders and monetary = value in the
-- rfm.window_months calendar months ending with the as_of month. Scores 1..5, 5 best (most recent, most
-- orders, most value), in fifths of the accounts active in the window: the account at position p of n, worst
-- first and ties by account id, scores ceil(5p / n): ntile(5), except that the larger fifths are the top ones
-- and the best account scores 5 even in a book of fewer than five. Equal figures may straddle two scores.
-- Segment from r_score and fm_score = (f_score + m_score) / 2 rounded up; an account with no order in the
-- window is 'lost', unscored:
--   r \ fm   1                2                    3                    4                5
--   5        new              potential loyalists  potential loyalists  champions        champions
--   4        promising        potential loyalists  potential loyalists  loyal            loyal
--   3        about to sleep   about to sleep       need attention       loyal            loyal
--   1-2      hibernating      hibernating          at risk              at risk          can't lose them
with order_months as (
    select * from marts.account_order_months
), window_start as (
    select (date_trunc('month', as_of_date) - to_months(value::integer - 1))::date as window_start
    from marts.as_of, meta.settings where key = 'rfm.window_months'
), accounts as (
    select
        master_account_id,
        max(last_order_date) as last_order_date,
        date_diff('day', max(last_order_date), (select as_of_date from marts.as_of)) as recency_days,
        coalesce(sum(orders) filter (where month >= (select window_start from window_start)), 0)::integer as frequency,
        coalesce(sum(value) filter (where month >= (select window_start from window_start)), 0) as monetary
    from order_months
    group by master_account_id
), positioned as (
    select
        *,
        count(*) over (partition by frequency > 0) as active_accounts,
        row_number() over (partition by frequency > 0 order by recency_days desc, master_account_id) as r_position,
        row_number() over (partition by frequency > 0 order by frequency, master_account_id) as f_position,
        row_number() over (partition by frequency > 0 order by monetary, master_account_id) as m_position
    from accounts
), scored as (
    select
        * exclude (active_accounts, r_position, f_position, m_position),
        case when frequency > 0 then ((5 * r_position + active_accounts - 1) // active_accounts)::integer end as r_score,
        case when frequency > 0 then ((5 * f_position + active_accounts - 1) // active_accounts)::integer end as f_score,
        case when frequency > 0 then ((5 * m_position + active_accounts - 1) // active_accounts)::integer end as m_score
    from positioned
), combined as (
    select *, ceil((f_score + m_score) / 2)::integer as fm_score from scored
), final as (
    select
        *,
        case
            when frequency = 0 then 'lost'
            when r_score = 5 and fm_score >= 4 then 'champions'
            when r_score >= 3 and fm_score >= 4 then 'loyal'
            when r_score >= 4 and fm_score >= 2 then 'potential loyalists'
            when r_score = 5 then 'new'
            when r_score = 4 then 'promising'
            when r_score = 3 and fm_score = 3 then 'need attention'
            when r_score = 3 then 'about to sleep'
            when fm_score = 5 then 'can''t lose them'
            when fm_score >= 3 then 'at risk'
            else 'hibernating'
        end as segment
    from combined
)
select * from final
