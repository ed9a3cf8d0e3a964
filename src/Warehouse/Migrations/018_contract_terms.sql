-- Terms each contract may state for itself (issue 16), where one global setting cannot hold two agreements.
-- notice_after_end: true when notice is given within notice_days after a term ends (the supply agreement:
-- 到期后30日内), false when it must arrive notice_days before the end (另一协议: 终止前三个月送达书面通知);
-- null takes the setting contracts.notice_after_end.
alter table core.contracts add column notice_after_end boolean;
-- payment_terms_basis: 'working' or 'calendar', how payment_terms_days count (3个工作日内); settlement_day: the
-- day of the month by which regular deliveries of the month before are paid (常用产品实行月结,在每月X号前汇款).
alter table core.contracts add column payment_terms_basis varchar;
alter table core.contracts add column settlement_day integer;

-- The shipped calendars list make-up working days (调休上班) beside the holiday periods: working-day payment
-- terms count them, and a service window open on some weekdays only opens on them too.
alter table core.holidays add column kind varchar default 'holiday';

create or replace view core.calendar_periods as
select calendar, start_date, end_date, kind, coalesce(name, holiday, kind) as name
from core.user_holidays
union all
select h.calendar, h.start_date, h.end_date, coalesce(h.kind, 'holiday') as kind, h.name
from core.holidays h
where not exists (
    select 1 from core.user_holidays u
    where u.calendar = h.calendar and year(u.start_date) = year(h.start_date));
