using Analytics.Ingest.Loading;

namespace Analytics.Ingest;

/// <param name="Entity">overrides what the mapping or the file name says.</param>
/// <param name="MappingPath">a mapping file for every file; without it a NAME.mapping.json beside a file applies.</param>
public sealed record LoadOptions(string? Entity = null, string? MappingPath = null, OrphanPolicy Orphans = OrphanPolicy.Wait);
