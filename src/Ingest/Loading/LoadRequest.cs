using Analytics.Ingest.Entities;
using Analytics.Warehouse;

namespace Analytics.Ingest.Loading;

/// <summary>One file to load: who it is, and how to read it into the staging view.</summary>
public sealed record LoadRequest(
    string FilePath,
    string Sha256,
    EntitySchema Entity,
    Func<SourceStager, long, StagedSource> Stage)
{
    public string FileName => Path.GetFileName(FilePath);

    /// <summary>canonical column -> source column, from a mapping file.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>();

    /// <summary>The mapping's transform, run over the staged file before the checks; null for a file read as it is.</summary>
    public MappingTransform? Transform { get; init; }

    public ValueFormats Formats { get; init; } = new();

    public OrphanPolicy Orphans { get; init; } = OrphanPolicy.Wait;

    /// <summary>
    /// Reads the file as a view straight over DuckDB's reader, for a load in one pass (see <see cref="OnePassLoader"/>);
    /// null for a file that must be staged (a format or layout that needs it).
    /// </summary>
    public Func<SourceStager, long, StagedSource>? ReadInOnePass { get; init; }

    /// <summary>Told when the load moves on: "reading", "checking", then "writing" (inside the transaction).</summary>
    public Action<LoadPhase>? OnPhase { get; init; }
}
