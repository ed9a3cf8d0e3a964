namespace Analytics.Warehouse.Reports;

/// <summary>What every report depends on besides its parameters: a new load or a new score run changes it.</summary>
public sealed record DataState(long DataVersion, long? ScoreRunId)
{
    public bool HasScores => ScoreRunId is not null;
}
