namespace Analytics.Ingest.Demo;

/// <summary>The rows one account adds to each canonical file, kept apart so accounts can be simulated in parallel and written in order.</summary>
internal sealed class DemoRows
{
    public CsvRows Accounts { get; } = new();

    public CsvRows Contracts { get; } = new();

    public CsvRows Orders { get; } = new();

    public CsvRows OrderLines { get; } = new();

    public CsvRows Tickets { get; } = new();

    /// <summary>The account's part in the demo campaign (set by each simulation, as the slots are reused).</summary>
    public CampaignGroup Campaign { get; set; }

    /// <summary>The answer key for duplicate detection: true duplicate pairs and near misses (truth/duplicates.csv).</summary>
    public CsvRows Truth { get; } = new();
}
