using System.Globalization;
using Analytics.Warehouse.Marts;
using DuckDB.NET.Data;

namespace Analytics.Models.Features;

/// <summary>The models.* settings (defaults in Warehouse/Features/Settings/models.csv; 'analytics settings' changes them).</summary>
public sealed record ModelSettings(int HorizonDays, int TrainingCutoffs, int CutoffStepDays, double RiskHigh, double RiskMedium, int Reasons)
{
    public static ModelSettings Read(DuckDBConnection connection)
    {
        var values = MartSettings.All(connection).ToDictionary(s => s.Key, s => s.Value);
        string Text(string key) => values.GetValueOrDefault(key) ?? throw new InvalidOperationException($"The setting {key} is missing.");
        int Whole(string key) => int.TryParse(Text(key), CultureInfo.InvariantCulture, out var v) && v > 0
            ? v : throw new Warehouse.WarehouseException($"The setting {key} must be a whole number above 0, not '{Text(key)}'.");
        double Share(string key) => double.TryParse(Text(key), CultureInfo.InvariantCulture, out var v) && v is > 0 and < 1
            ? v : throw new Warehouse.WarehouseException($"The setting {key} must be a number between 0 and 1, not '{Text(key)}'.");
        var settings = new ModelSettings(
            Whole("models.horizon_days"), Whole("models.training_cutoffs"), Whole("models.cutoff_step_days"),
            Share("models.risk_high"), Share("models.risk_medium"), Whole("models.reasons"));
        return settings.RiskMedium < settings.RiskHigh
            ? settings
            : throw new Warehouse.WarehouseException("The setting models.risk_medium must be below models.risk_high.");
    }
}
