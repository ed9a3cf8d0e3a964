namespace Analytics.ReportApi.Access;

/// <summary>
/// One row of the policy: requests whose path is <see cref="Path"/> (or below it, when not <see cref="Exact"/>)
/// and whose method is one of <see cref="Methods"/> (null: any) may be made by <see cref="Roles"/>; null roles: by
/// anyone, without a key.
/// </summary>
internal sealed record AccessRule(string Path, HashSet<string>? Roles, HashSet<string>? Methods = null, bool Exact = false)
{
    public bool IsOpen => Roles is null;

    public bool Matches(string path, string method) =>
        (Methods is null || Methods.Contains(method))
        && (path.Equals(Path, StringComparison.OrdinalIgnoreCase)
            || (!Exact && path.Length > Path.Length && path.StartsWith(Path, StringComparison.OrdinalIgnoreCase)
                && (Path.EndsWith('/') || path[Path.Length] is '/' or '(' or '.')));
}
