using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Models.Actions;

/// <summary>Reads every master account's <see cref="ActionContext"/> from the marts as of marts.as_of.</summary>
public static class ActionContexts
{
    public static IReadOnlyDictionary<string, ActionContext> Read(DuckDBConnection connection) =>
        connection.Rows("""
            with companies as (
                select master_account_id, tier from marts.account_tiers
            ), renewals as (
                -- The next day a renewal can still be refused, over the company's contracts.
                select m.master_account_id, min(s.cancel_by) as cancel_by, min(s.days_to_cancel_by) as days_to_cancel_by
                from marts.contract_status s join marts.account_merge_map m using (account_id)
                where s.days_to_cancel_by >= 0
                group by all
            ), complaints as (
                select m.master_account_id, count(*) as open_complaints
                from core.tickets t join marts.account_merge_map m using (account_id)
                cross join marts.as_of a
                where t.kind = 'complaint' and t.resolved_at is null and t.opened_at::date <= a.as_of_date
                group by all
            ), caps as (
                select m.master_account_id, min(r.margin_cap_pct)::double as margin_cap_pct
                from marts.contract_rules r join marts.account_merge_map m using (account_id)
                group by all
            )
            select c.master_account_id, c.tier, r.cancel_by, r.days_to_cancel_by, coalesce(k.open_complaints, 0) as open_complaints, p.margin_cap_pct
            from companies c
            left join renewals r using (master_account_id)
            left join complaints k using (master_account_id)
            left join caps p using (master_account_id)
            """,
            r => (Id: r.Get<string>("master_account_id"), Context: new ActionContext(
                r.Get<string>("tier"), r.Get<DateOnly?>("cancel_by"), r.Get<int?>("days_to_cancel_by") ?? int.MaxValue,
                (int)r.Get<long>("open_complaints"), r.Get<double?>("margin_cap_pct"))))
            .ToDictionary(x => x.Id, x => x.Context, StringComparer.Ordinal);
}
