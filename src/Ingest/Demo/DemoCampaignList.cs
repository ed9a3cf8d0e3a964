namespace Analytics.Ingest.Demo;

/// <summary>Who the demo campaign visited and whom it held out (account ids), frozen on <paramref name="FrozenOn"/>.</summary>
public sealed record DemoCampaignList(string Name, DateOnly FrozenOn, IReadOnlyList<string> Targeted, IReadOnlyList<string> Control);
