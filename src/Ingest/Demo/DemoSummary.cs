namespace Analytics.Ingest.Demo;

/// <summary>What <see cref="DemoCompany.Write"/> wrote: one entry per file, in the order written.</summary>
/// <param name="Campaign">the campaign the demo company ran (not a file: the service records it after loading).</param>
public sealed record DemoSummary(string Folder, DateOnly Start, DateOnly End, IReadOnlyList<DemoFile> Files, TimeSpan Elapsed, DemoCampaignList Campaign)
{
    public long Rows(string entity) => Files.First(f => f.Entity == entity).Rows;
}
