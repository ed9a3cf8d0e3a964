using Analytics.Warehouse.Marts;
using DuckDB.NET.Data;

namespace Analytics.Models.Monitoring;

/// <summary>The monitoring.* settings (defaults in Warehouse/Features/Settings/monitoring.csv; 'analytics settings' changes them).</summary>
public sealed record MonitoringSettings(double PsiAlert, double MissingAlert, double OutOfRangeAlert, double AucDrop, int BackfillPasses, int BackfillStepDays)
{
    public static MonitoringSettings Read(DuckDBConnection connection)
    {
        var settings = new SettingValues(connection);
        double Number(string key) => settings.Number(key, v => v >= 0 && double.IsFinite(v), "a number at or above 0");
        int Whole(string key) => settings.Whole(key, v => v >= 0, "a whole number at or above 0");
        return new MonitoringSettings(
            Number("monitoring.psi_alert"), Number("monitoring.missing_alert"), Number("monitoring.out_of_range_alert"),
            Number("monitoring.auc_drop"), Whole("monitoring.backfill_passes"), Math.Max(1, Whole("monitoring.backfill_step_days")));
    }
}
