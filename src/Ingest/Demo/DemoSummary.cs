namespace Analytics.Ingest.Demo;

/// <summary>What <see cref="DemoCompany.Write"/> wrote: one entry per file, in the order written.</summary>
public sealed record DemoSummary(string Folder, DateOnly Start, DateOnly End, IReadOnlyList<DemoFile> Files, TimeSpan Elapsed)
{
    public long Rows(string entity) => Files.First(f => f.Entity == entity).Rows;
}
