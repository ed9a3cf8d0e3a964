using System.Globalization;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;
using DuckDB.NET.Data;

namespace Analytics.Models.Monitoring;

/// <summary>The monitoring.* settings (defaults in Warehouse/Features/Settings/monitoring.csv; 'analytics settings' changes them).</summary>
public sealed record MonitoringSettings(double PsiAlert, double MissingAlert, double OutOfRangeAlert, double AucDrop, int BackfillPasses, int BackfillStepDays)
{
    public static MonitoringSettings Read(DuckDBConnection connection)
    {
        var values = MartSettings.All(connection).ToDictionary(s => s.Key, s => s.Value);
        string Text(string key) => values.GetValueOrDefault(key) ?? throw new InvalidOperationException($"The setting {key} is missing.");
        double Number(string key) => double.TryParse(Text(key), CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v)
            ? v : throw new WarehouseException($"The setting {key} must be a number at or above 0, not '{Text(key)}'.");
        int Whole(string key) => int.TryParse(Text(key), CultureInfo.InvariantCulture, out var v) && v >= 0
            ? v : throw new WarehouseException($"The setting {key} must be a whole number at or above 0, not '{Text(key)}'.");
        return new MonitoringSettings(
            Number("monitoring.psi_alert"), Number("monitoring.missing_alert"), Number("monitoring.out_of_range_alert"),
            Number("monitoring.auc_drop"), Whole("monitoring.backfill_passes"), Math.Max(1, Whole("monitoring.backfill_step_days")));
    }
}
