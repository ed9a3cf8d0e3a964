namespace Analytics.Ingest.Demo;

/// <summary>One canonical file the demo wrote and its data rows (the header not counted).</summary>
public sealed record DemoFile(string Entity, string Path, long Rows);
