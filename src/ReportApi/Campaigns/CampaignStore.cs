using System.Data.Common;
using Analytics.ReportApi.Access;
using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.ReportApi.Campaigns;

/// <summary>
/// Targets and campaigns in the campaigns schema. Every read takes the reader's account filter (a predicate on
/// the account id, from their access scope) and contact visibility, and applies them inside the SQL, counts and
/// sums included.
/// </summary>
public static class CampaignStore
{
    /// <summary>How many members a preview lists (largest value first); the counts and sums cover them all.</summary>
    public const int PreviewTop = 20;

    private const string ValueOf = "coalesce(m.predicted_value, m.revenue_12m)";

    public static TargetPreview Preview(DuckDBConnection connection, TargetRule rule, string scopeFilter, ContactVisibility contacts)
    {
        RequireKnownValues(connection, rule, scopeFilter);
        var parameters = new SqlParameters();
        var members = TargetQuery.Members(rule, scopeFilter, parameters);
        var totals = connection.Rows($"""
            select (select as_of_date from marts.as_of) as as_of, count(*) as members, count(m.predicted_value) as scored,
                   coalesce(sum({ValueOf}), 0) as value, coalesce(sum(m.predicted_value), 0) as predicted,
                   coalesce(sum(m.revenue_12m), 0) as revenue
            from ({members}) m
            """, r => (AsOf: r.Get<DateOnly>("as_of"), Members: r.Get<long>("members"), Scored: r.Get<long>("scored"),
                Value: r.Get<decimal>("value"), Predicted: r.Get<decimal>("predicted"), Revenue: r.Get<decimal>("revenue")),
            parameters.ToArray()).Single();
        var top = connection.Rows($"""
            select {CampaignMember.Columns(ContactFields.Expression(contacts, "a", "contact_name"), ContactFields.Expression(contacts, "a", "contact_phone"), "false")}
            from ({members}) m join core.accounts a using (account_id)
            order by {ValueOf} desc, m.account_id
            limit {PreviewTop}
            """, CampaignMember.Read, parameters.ToArray());
        return new TargetPreview(totals.AsOf, totals.Members, totals.Scored, totals.Value, totals.Predicted, totals.Revenue, top);
    }

    /// <summary>The data's as_of day: what "today" is for targets, and the day a campaign's outcome counts up to.</summary>
    public static DateOnly AsOf(DuckDBConnection connection) => connection.Scalar<DateOnly>("select as_of_date from marts.as_of");

    /// <summary>
    /// How many companies the rule targets today among those the reader may see; unlike a preview, a region or
    /// industry the reader cannot see (a rule another marketer saved) counts none rather than failing.
    /// </summary>
    public static long TargetMembers(DuckDBConnection connection, TargetRule rule, string scopeFilter)
    {
        var parameters = new SqlParameters();
        return connection.Scalar<long>($"select count(*) from ({TargetQuery.Members(rule, scopeFilter, parameters)})", parameters.ToArray());
    }

    public static Target SaveTarget(DuckDBConnection connection, string name, TargetRule rule, string createdBy, string scopeFilter)
    {
        ArgumentNullException.ThrowIfNull(rule);
        RequireName(name);
        rule.Validate();
        RequireKnownValues(connection, rule, scopeFilter);
        var id = connection.Scalar<long>("select nextval('campaigns.target_seq')");
        connection.Execute("insert into campaigns.targets values ($1, $2, $3, now(), $4)", id, name, rule.ToJson(), createdBy);
        return Target(connection, id)!;
    }

    public static IReadOnlyList<Target> Targets(DuckDBConnection connection) =>
        connection.Rows("select target_id, name, rule::varchar as rule, created_at, created_by from campaigns.targets order by target_id", ReadTarget);

    public static Target? Target(DuckDBConnection connection, long targetId) =>
        connection.Rows("select target_id, name, rule::varchar as rule, created_at, created_by from campaigns.targets where target_id = $1", ReadTarget, targetId)
            .SingleOrDefault();

    /// <summary>
    /// Freezes the rule's members as they stand today (within the freezing reader's scope) into a campaign. The
    /// control group is the first round(fraction x members) members in the order of md5(seed:account_id): random,
    /// but the same for the same seed and members on any machine and any DuckDB version. A freeze dated back
    /// (request.FrozenOn, a day up to the marts' as_of) still chooses the members as the marts stand today, but both
    /// groups are drawn from the same members, so targeted against control after that day stays a fair comparison.
    /// </summary>
    public static long Freeze(DuckDBConnection connection, CampaignRequest request, string scopeFilter, IReadOnlyList<string>? regions)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireName(request.Name);
        request.Rule.Validate();
        RequireKnownValues(connection, request.Rule, scopeFilter);
        if (request.ControlFraction is < 0 or >= 1)
        {
            throw new WarehouseException("controlFraction is the share held out, at least 0 and below 1.");
        }

        if (request.ControlAccountIds is { } named && (request.ControlFraction != 0 || named.Count is 0 or > TargetRule.MaxListValues))
        {
            throw new WarehouseException(request.ControlFraction != 0
                ? "Give controlFraction (a share drawn here) or controlAccountIds (a control group drawn elsewhere), not both."
                : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"controlAccountIds takes 1 to {TargetRule.MaxListValues:N0} account ids."));
        }

        var asOf = AsOf(connection);
        if (request.FrozenOn is { } day && day > asOf)
        {
            throw new WarehouseException($"frozenOn {day:yyyy-MM-dd} is after the data's as_of day {asOf:yyyy-MM-dd}; a campaign is frozen on a day the data has reached.");
        }

        using var transaction = connection.BeginTransaction();
        var id = connection.Scalar<long>("select nextval('campaigns.campaign_seq')");
        connection.Execute("""
            insert into campaigns.campaigns
            select $1, $2, $3, $4, $9, now(), from_json($5, '["VARCHAR"]'), $6, $7, $8
            """, id, request.Name, request.TargetId, request.Rule.ToJson(),
            regions is null ? null : System.Text.Json.JsonSerializer.Serialize(regions), request.ControlFraction, request.ControlSeed, request.CreatedBy,
            request.FrozenOn ?? asOf);
        var parameters = new SqlParameters();
        var campaign = parameters.Add(id);
        // Every parameter added must appear in the statement: DuckDB binds only those it sees.
        var isControl = request.ControlAccountIds is { } controlIds
            ? $"account_id in ({TargetQuery.MastersOf(controlIds, parameters)})"
            : $"""
                row_number() over (order by md5({parameters.Add(request.ControlSeed.ToString(System.Globalization.CultureInfo.InvariantCulture))} || ':' || account_id))
                    <= round({parameters.Add(request.ControlFraction)} * count(*) over ())
                """;
        var members = TargetQuery.Members(request.Rule, scopeFilter, parameters);
        connection.Execute($"""
            insert into campaigns.campaign_members
            select {campaign}, account_id, {isControl} as is_control,
                name, region, industry, tier, level, lifecycle_stage, churn_probability, churn_probability_change,
                predicted_value, revenue_12m, cancel_by, top_reasons
            from ({members})
            """, parameters.ToArray());
        if (request.ControlAccountIds is { } control)
        {
            RecordControlDrawnElsewhere(connection, id, control);
        }

        transaction.Commit();
        return id;
    }

    /// <summary>
    /// A control group named by id must be part of the campaign: an id that is not one of its members (unknown, outside
    /// the reader's scope, or left out by the rule) is refused, named, as a typo would otherwise shrink the control
    /// group unseen. The stored control_fraction is then the share actually held out.
    /// </summary>
    private static void RecordControlDrawnElsewhere(DuckDBConnection connection, long campaignId, IReadOnlyList<string> controlIds)
    {
        var strays = connection.Rows("""
            select id from unnest($2::varchar[]) t(id)
            where id not in (
                select mm.account_id from marts.account_merge_map mm
                join campaigns.campaign_members cm on cm.account_id = mm.master_account_id and cm.campaign_id = $1)
            order by id limit 5
            """, r => r.Get<string>("id"), campaignId, controlIds.ToArray());
        if (strays.Count > 0)
        {
            throw new WarehouseException($"controlAccountIds names accounts that are not members of this campaign: {string.Join(", ", strays)}.");
        }

        connection.Execute("""
            update campaigns.campaigns set control_fraction = (
                select round(count(*) filter (where is_control) / count(*), 4) from campaigns.campaign_members where campaign_id = $1)
            where campaign_id = $1
            """, campaignId);
    }

    public static IReadOnlyList<Campaign> Campaigns(DuckDBConnection connection, string scopeFilter) =>
        connection.Rows(CampaignSelect(scopeFilter, "true") + " order by c.campaign_id", ReadCampaign);

    public static Campaign? Campaign(DuckDBConnection connection, long campaignId, string scopeFilter) =>
        connection.Rows(CampaignSelect(scopeFilter, "c.campaign_id = $1"), ReadCampaign, campaignId).SingleOrDefault();

    /// <summary>The campaign's members the reader may see, targeted first, largest value first.</summary>
    public static IReadOnlyList<CampaignMember> Members(DuckDBConnection connection, long campaignId, string scopeFilter, ContactVisibility contacts) =>
        connection.Rows($"""
            select {CampaignMember.Columns(ContactFields.Expression(contacts, "a", "contact_name"), ContactFields.Expression(contacts, "a", "contact_phone"), "m.is_control")}
            from campaigns.campaign_members m join core.accounts a using (account_id)
            where m.campaign_id = $1 and ({scopeFilter})
            order by m.is_control, {ValueOf} desc, m.account_id
            """, CampaignMember.Read, campaignId);

    /// <summary>
    /// Orders, revenue and churn of the targeted and control members (those the reader may see) from the day after
    /// the freeze to today's as_of. A company's duplicates count with it; churn is marts.account_churn's.
    /// </summary>
    public static CampaignOutcome Outcome(DuckDBConnection connection, long campaignId, string scopeFilter)
    {
        var frozenOn = connection.Scalar<DateOnly>("select frozen_on from campaigns.campaigns where campaign_id = $1", campaignId);
        var groups = connection.Rows($"""
            with members as (
                select m.account_id, m.is_control from campaigns.campaign_members m
                where m.campaign_id = $1 and ({scopeFilter})
            ), period as (
                select c.frozen_on, a.as_of_date from campaigns.campaigns c, marts.as_of a where c.campaign_id = $1
            ), orders_since as (
                select mm.master_account_id as account_id, count(*) as orders, sum(o.net_amount) as revenue
                from marts.orders o join marts.account_merge_map mm using (account_id), period p
                where o.order_date > p.frozen_on and o.order_date <= p.as_of_date
                group by mm.master_account_id
            ), churned_since as (
                select distinct c.master_account_id as account_id
                from marts.account_churn c, period p
                where c.churned_on > p.frozen_on
            )
            select m.is_control, count(*) as members, count(o.account_id) as ordering_members,
                   coalesce(sum(o.orders), 0)::bigint as orders, round(coalesce(sum(o.revenue), 0), 2)::decimal(18,2) as revenue,
                   count(ch.account_id) as churned
            from members m
            left join orders_since o using (account_id)
            left join churned_since ch using (account_id)
            group by m.is_control
            """, r => (IsControl: r.Get<bool>("is_control"), Outcome: new GroupOutcome(r.Get<long>("members"), r.Get<long>("ordering_members"),
                r.Get<long>("orders"), r.Get<decimal>("revenue"), r.Get<long>("churned"))),
            campaignId);
        var none = new GroupOutcome(0, 0, 0, 0, 0);
        var asOf = AsOf(connection);
        return new CampaignOutcome(campaignId, frozenOn, asOf,
            groups.FirstOrDefault(g => !g.IsControl).Outcome ?? none,
            groups.FirstOrDefault(g => g.IsControl).Outcome ?? none);
    }

    private static string CampaignSelect(string scopeFilter, string where) => $"""
        select c.campaign_id, c.name, c.target_id, c.rule::varchar as rule, c.frozen_on, c.frozen_at, c.regions, c.control_fraction,
               c.control_seed, c.created_by, count(m.account_id) as members, count(m.account_id) filter (where not m.is_control) as targeted,
               count(m.account_id) filter (where m.is_control) as control, coalesce(sum({ValueOf}), 0) as value_at_stake
        from campaigns.campaigns c
        left join campaigns.campaign_members m on m.campaign_id = c.campaign_id and ({scopeFilter})
        where {where}
        group by all
        """;

    /// <summary>
    /// Regions and industries are the data's own words, not a fixed list: one that no company the reader may see has
    /// (华東 for 华东, a misspelt industry) would quietly target nobody, so it is a 400 naming it, with the known ones.
    /// </summary>
    private static void RequireKnownValues(DuckDBConnection connection, TargetRule rule, string scopeFilter)
    {
        foreach (var (values, column, plural) in new[] { (rule.Regions, "region", "regions"), (rule.Industries, "industry", "industries") })
        {
            if (values is null)
            {
                continue;
            }

            var known = connection.Rows($"""
                select distinct a.{column} as value from marts.account_segments s join core.accounts a using (account_id)
                where s.is_master and a.{column} is not null and ({scopeFilter})
                """, r => r.Get<string>("value")).Order(StringComparer.Ordinal).ToList();
            var unknown = values.Except(known, StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                var listed = known.Count == 0 ? "none yet" : known.Count <= 30 ? string.Join(", ", known) : $"{known.Count} (too many to list here)";
                throw new WarehouseException(
                    $"No company you may see has the {(unknown.Count == 1 ? column : plural)} {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the {plural} are {listed}.");
            }
        }

        RequireKnownGroups(connection, rule, scopeFilter);
    }

    /// <summary>
    /// A group id that heads no group would quietly add nobody, so it is a 400 naming it. A group none of whose
    /// members the reader may see gets the very same answer: a regional key cannot learn that a foreign group exists.
    /// </summary>
    private static void RequireKnownGroups(DuckDBConnection connection, TargetRule rule, string scopeFilter)
    {
        if (rule.GroupIds is not { } ids)
        {
            return;
        }

        var parameters = new SqlParameters();
        var known = connection.Rows($"""
            select distinct m.account_id as value
            from marts.account_merge_map m
            join marts.group_members g on g.group_id = m.master_account_id
            where m.account_id in {parameters.List(ids)}
              and g.account_id in (select account_id from marts.group_members where ({scopeFilter}))
            """, r => r.Get<string>("value"), parameters.ToArray());
        var unknown = ids.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new WarehouseException(
                $"No group of companies you may see has the id {string.Join(", ", unknown.Select(u => $"'{u}'"))}; a group's id is the account id of its top company.");
        }
    }

    private static void RequireName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new WarehouseException("Give a name.");
        }
    }

    private static Target ReadTarget(DbDataReader r) => new(
        r.Get<long>("target_id"), r.Get<string>("name"), TargetRule.Parse(r.Get<string>("rule")), r.Get<DateTime>("created_at"),
        r.Get<string>("created_by"));

    private static Campaign ReadCampaign(DbDataReader r) => new(
        r.Get<long>("campaign_id"),
        r.Get<string>("name"),
        r.Get<long?>("target_id"),
        TargetRule.Parse(r.Get<string>("rule")),
        r.Get<DateOnly>("frozen_on"),
        r.Get<DateTime>("frozen_at"),
        r.GetOrNull<List<string>>("regions"),
        r.Get<decimal>("control_fraction"),
        r.Get<int>("control_seed"),
        r.Get<string>("created_by"),
        r.Get<long>("members"),
        r.Get<long>("targeted"),
        r.Get<long>("control"),
        r.Get<decimal>("value_at_stake"));
}
