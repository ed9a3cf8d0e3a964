using Analytics.Warehouse.Features;
using DuckDB.NET.Data;

namespace Analytics.Models.Monitoring;

/// <summary>
/// The feature and outcome rows as of single days, each day built once per monitoring run: a backfilled pass's
/// drift and outcome read the same day.
/// </summary>
public sealed class FeatureDays(DuckDBConnection connection)
{
    private readonly Dictionary<DateOnly, IReadOnlyList<FeatureRow>> days = [];

    /// <summary>The feature columns of the days built (the same for every day).</summary>
    public IReadOnlyList<string> Names { get; private set; } = [];

    public IReadOnlyList<FeatureRow> AsOf(DateOnly day)
    {
        if (!days.TryGetValue(day, out var rows))
        {
            var tables = new FeatureTables(connection);
            tables.Build([day]);
            Names = tables.Names();
            rows = tables.Read();
            days[day] = rows;
        }

        return rows;
    }
}
