using Analytics.Warehouse.Marts;
using DuckDB.NET.Data;

namespace Analytics.Models.Features;

/// <summary>The models.* settings (defaults in Warehouse/Features/Settings/models.csv; 'analytics settings' changes them).</summary>
public sealed record ModelSettings(int HorizonDays, int TrainingCutoffs, int CutoffStepDays, double RiskHigh, double RiskMedium, int Reasons)
{
    public static ModelSettings Read(DuckDBConnection connection)
    {
        var values = new SettingValues(connection);
        int Whole(string key) => values.Whole(key, v => v > 0, "a whole number above 0");
        double Share(string key) => values.Number(key, v => v is > 0 and < 1, "a number between 0 and 1");
        var settings = new ModelSettings(
            Whole("models.horizon_days"), Whole("models.training_cutoffs"), Whole("models.cutoff_step_days"),
            Share("models.risk_high"), Share("models.risk_medium"), Whole("models.reasons"));
        return settings.RiskMedium < settings.RiskHigh
            ? settings
            : throw new Warehouse.WarehouseException("The setting models.risk_medium must be below models.risk_high.");
    }
}
