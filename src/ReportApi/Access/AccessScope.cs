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
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string Analyst = "analyst";
    public const string Marketing = "marketing";

    /// <summary>The scope of the service itself (jobs, start-up) and of requests before roles exist.</summary>
    public static AccessScope Everything { get; } = new(Admin, null);

    /// <summary>Analysts see accounts but not the people in them.</summary>
    public bool MasksContacts => Role == Analyst;

    public bool IsRegionLimited => Regions is not null;

    /// <summary>
    /// A SQL predicate limiting rows to the accounts this scope may see, for a query whose account id is
    /// <paramref name="accountIdColumn"/> (e.g. "o.account_id"). "true" when unrestricted. Region names are
    /// SQL literals (escaped), so the predicate can go into any statement.
    /// </summary>
    public string AccountFilter(string accountIdColumn) =>
        Regions is null
            ? "true"
            : Regions.Count == 0
                ? "false"
                : $"{accountIdColumn} in (select account_id from core.accounts where region in ({string.Join(", ", Regions.Select(SqlExtensions.Literal))}))";

    /// <summary>The scope of the current request (set by authentication); <see cref="Everything"/> before roles exist.</summary>
    public static AccessScope Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<AccessScope>() ?? Everything;
    }
}
