using Analytics.Warehouse;

namespace Analytics.ReportApi;

/// <summary>The service's settings (appsettings.json, environment, or the serve verb's options).</summary>
public sealed class AnalyticsSettings
{
    public const string Section = "Analytics";

    public string WarehousePath { get; set; } = WarehouseDatabase.DefaultPath;

    /// <summary>Where exports are dropped; done/ and failed/ sit inside it.</summary>
    public string InboxPath { get; set; } = "data/inbox";

    public int InboxScanSeconds { get; set; } = 30;

    /// <summary>How long a file in the inbox must go unchanged before it is loaded.</summary>
    public int InboxQuietSeconds { get; set; } = 5;

    /// <summary>On an empty warehouse, generate the demo company and load it through the normal load path.</summary>
    public bool DemoOnFirstRun { get; set; } = true;

    /// <summary>At start, when no churn model serves yet, train and score (a newcomer sees scores, not empty columns).</summary>
    public bool TrainOnFirstRun { get; set; } = true;

    public int DemoAccounts { get; set; } = 2000;

    public int DemoYears { get; set; } = 3;

    /// <summary>When the churn and value models retrain (Quartz cron, UTC): Sundays 02:00.</summary>
    public string TrainSchedule { get; set; } = "0 0 2 ? * SUN";

    /// <summary>When every account is scored (Quartz cron, UTC): nightly 03:00, after a Sunday's training.</summary>
    public string ScoreSchedule { get; set; } = "0 0 3 * * ?";
}
