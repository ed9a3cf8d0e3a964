namespace Analytics.ReportApi.Cli;

/// <summary>One verb of the analytics command: its options, help text and what it runs.</summary>
internal sealed record Verb(
    string Name,
    string Usage,
    string Summary,
    IReadOnlySet<string> Options,
    IReadOnlySet<string> Flags,
    Func<ParsedArgs, TextWriter, TextWriter, Task<int>> Run)
{
    public bool PassesUnknownThrough { get; init; }

    public string Help => $"usage: analytics {Usage}\n\n{Summary}\n\nEvery verb takes --db FILE (default {Analytics.Warehouse.WarehouseDatabase.DefaultPath}).";
}
