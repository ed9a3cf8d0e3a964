using static Analytics.ReportApi.Access.Roles;

namespace Analytics.ReportApi.Access;

/// <summary>
/// Who may call what, by path: the most specific matching row decides (the longest path, then a row naming the
/// method). A path no row matches is for admins only, so an endpoint added without a row here is closed, not open.
/// Paths match case-insensitively, as ASP.NET Core routes them.
/// </summary>
internal static class AccessPolicy
{
    private static readonly HashSet<string> Everyone = [Admin, Manager, Analyst, Marketing];
    private static readonly HashSet<string> Read = ["GET", "HEAD"];

    // The entity sets of the load ledger (OData/LoadLedgerSets.cs), named here for their rules below: each set takes its
    // name from these, so a set and its rule cannot part.
    public const string LoadBatches = "LoadBatches";
    public const string LoadRejects = "LoadRejects";
    public const string PendingRows = "PendingRows";

    /// <summary>The load ledger's entity sets.</summary>
    public static IReadOnlyList<string> LoadLedger { get; } = [LoadBatches, LoadRejects, PendingRows];

    public static IReadOnlyList<AccessRule> Rules { get; } =
    [
        new("/health", null),
        new("/signin", null),
        new("/signout", null),
        // Browsers ask for it on every page, before anyone has signed in.
        new("/favicon.ico", null, Read, Exact: true),

        // The managers' dashboard and its pieces; at '/' marketing gets its own page (targets and campaigns).
        new("/", [Admin, Manager, Marketing], Exact: true),
        new("/dashboard", [Admin, Manager]),
        new("/charts", [Admin, Manager]),
        // One company's page (and its charts) for those who read the dashboard; its what-if for analysts too.
        new("/accounts", [Admin, Manager]),
        new("/api/accounts", [Admin, Manager, Analyst]),

        // OData for analysts and managers; every role may read the service document, the metadata and the
        // campaign lists (the lists carry no contact fields; rows are region-limited by the scope).
        new("/odata", [Admin, Manager, Analyst]),
        new("/odata", Everyone, Read, Exact: true),
        new("/odata/$metadata", Everyone, Read),
        new("/odata/Campaigns", Everyone, Read),
        new("/odata/CampaignMembers", Everyone, Read),
        new("/exports", [Admin, Manager, Analyst]),
        new("/arrow", [Admin, Manager, Analyst]),

        // Marketing builds targets and campaigns; every role may read campaign lists within its scope.
        new("/api/targets", [Admin, Marketing]),
        new("/api/campaigns", [Admin, Marketing]),
        new("/api/campaigns", Everyone, Read),
        new("/openapi", Everyone, Read),

        // The load ledger's sets (files, rejected rows, rows waiting for a parent) by every route to a set: admins only.
        .. LoadLedger.SelectMany(set => new AccessRule[] { new($"/odata/{set}", [Admin]), new($"/arrow/{set}", [Admin]), new($"/exports/{set}", [Admin]) }),

        // Keys are made and revoked by admins only (as an unnamed path would be; named so nobody widens it by accident).
        new("/api/keys", [Admin]),

        // The CLI verbs run by this machine's operator while the service holds the warehouse: no key's role may use
        // them; only the operator secret (AccessMiddleware, OperatorSecret) gets through.
        new(OperatorPath, []),
    ];

    public const string OperatorPath = "/api/operator";

    private static readonly AccessRule OperatorRule = new(OperatorPath, []);

    public static bool IsOperatorPath(string path) => OperatorRule.Matches(path, "POST");

    private static readonly HashSet<string> AdminOnly = [Admin];

    /// <summary>The row that decides for this request; null when none matches (admins only).</summary>
    public static AccessRule? Find(string path, string method) =>
        Rules.Where(r => r.Matches(path, method))
            .OrderByDescending(r => r.Path.Length)
            .ThenByDescending(r => r.Methods is not null)
            .FirstOrDefault();

    public static bool IsOpen(string path, string method) => Find(path, method)?.IsOpen == true;

    public static bool Allows(string path, string method, string role) =>
        (Find(path, method)?.Roles ?? AdminOnly).Contains(role);
}
