using Analytics.Ingest.Entities;

namespace Analytics.Ingest.Loading;

/// <summary>
/// What a load did with the source columns no canonical column took: an accounts file keeps them as the account's
/// attributes; any other file ignores them. Either way the load names them, so nothing is dropped without a word.
/// </summary>
public sealed record ColumnUse(IReadOnlyList<string> Ignored, IReadOnlyList<string> KeptAsAttributes)
{
    public static ColumnUse None { get; } = new([], []);

    public static ColumnUse Of(EntitySchema entity, IReadOnlyList<string> sourceColumns, IReadOnlyDictionary<string, string?> sourceOf)
    {
        var unused = ColumnMapping.Unused(sourceColumns, sourceOf);
        var keeps = entity.Columns.Any(c => c.Kind == ColumnKind.Attributes && sourceOf.GetValueOrDefault(c.Name) is null);
        return keeps ? new([], unused) : new(unused, []);
    }
}
