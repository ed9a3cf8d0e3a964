namespace Analytics.Warehouse.Reports;

/// <summary>What every report depends on besides its parameters: a new load, mart rebuild or score run changes it.</summary>
public sealed record DataState(long DataVersion, long? ScoreRunId, long? MartsBuild)
{
    public bool HasScores => ScoreRunId is not null;
}
