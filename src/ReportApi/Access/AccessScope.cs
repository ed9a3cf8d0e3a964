using Analytics.Warehouse;

namespace Analytics.ReportApi.Access;

/// <summary>
/// What the person behind a request may see: their role, the regions they are limited to (null: all), and
/// whether personal contact fields are masked. Every query the service runs for a request (OData, charts,
/// dashboard, exports, campaigns) narrows its accounts with <see cref="AccountFilter"/>; nothing reads
/// core or marts tables for a user without it.
/// </summary>
public sealed record AccessScope(string Role, IReadOnlyList<string>? Regions)
{
    public const string Admin = Roles.Admin;
    public const string Manager = Roles.Manager;
    public const string Analyst = Roles.Analyst;
    public const string Marketing = Roles.Marketing;

    /// <summary>The role of <see cref="Nobody"/>: no key, or a request the authentication never saw.</summary>
    public const string None = "none";

    /// <summary>The scope of the service itself (jobs, start-up). Never a request's: those get theirs from their key.</summary>
    public static AccessScope Everything { get; } = new(Admin, null);

    /// <summary>This machine's operator (<see cref="OperatorSecret"/>), running the CLI verbs through the service.</summary>
    public static AccessScope Operator { get; } = new(Admin, null) { KeyName = "operator" };

    /// <summary>Sees no account and no contact: what a request gets if authentication did not set a scope.</summary>

    public static AccessScope Nobody { get; } = new(None, []);

    /// <summary>The name of the key behind the request (recorded as who saved a target or froze a campaign).</summary>
    public string KeyName { get; init; } = "service";

    /// <summary>
    /// Personal contact fields (contact name, phone, ticket contact) must be hidden. Only admins and managers see
    /// them everywhere; marketing sees consenting contacts where <see cref="Contacts"/> is applied (campaign lists),
    /// and is masked everywhere else.
    /// </summary>
    public bool MasksContacts => Role is not (Admin or Manager);

    /// <summary>Which contact fields of an account this scope sees in campaign lists and exports.</summary>
    public ContactVisibility Contacts => Role switch
    {
        Admin or Manager => ContactVisibility.All,
        Marketing => ContactVisibility.Consenting,
        _ => ContactVisibility.Masked,
    };

    public bool IsRegionLimited => Regions is not null;

    /// <summary>
    /// A SQL predicate limiting rows to the accounts this scope may see, for a query whose account id is
    /// <paramref name="accountIdColumn"/> (e.g. "o.account_id"). "true" when unrestricted. Region names are
    /// SQL literals (escaped), so the predicate can go into any statement.
    /// A company (a master account and its duplicates, marts.account_merge_map) belongs to its master's region:
    /// a duplicate recorded in another region is seen, with its orders, tickets and contracts, by the master's
    /// region and not by its own, so OData rows and totals, tiers, charts and campaign previews (which all count a
    /// company once, under its master) agree. An account the marts have not merged yet counts in its own region.
    /// </summary>
    public string AccountFilter(string accountIdColumn) =>
        Regions is null
            ? "true"
            : Regions.Count == 0
                ? "false"
                : $"{accountIdColumn} in (select a.account_id from core.accounts a "
                  + "left join marts.account_merge_map m on m.account_id = a.account_id "
                  + "left join core.accounts ma on ma.account_id = m.master_account_id "
                  + "where case when m.account_id is null then a.region else ma.region end "
                  + $"in ({string.Join(", ", Regions.Select(SqlExtensions.Literal))}))";

    /// <summary>
    /// The scope of the current request, set by <see cref="AccessMiddleware"/> from its key. A request it did not
    /// set one for (an open path) gets <see cref="Nobody"/>: denying is the safe mistake.
    /// </summary>
    public static AccessScope Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<AccessScope>() ?? Nobody;
    }

    public static AccessScope For(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new AccessScope(key.Role, key.Regions) { KeyName = key.Name };
    }
}
