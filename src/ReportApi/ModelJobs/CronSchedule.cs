using Quartz;

namespace Analytics.ReportApi.ModelJobs;

/// <summary>The training and scoring schedules: Quartz cron (seconds minutes hours day month weekday [year]), in UTC.</summary>
internal static class CronSchedule
{
    /// <summary>The expression, once Quartz can read it: a typo stops the start instead of leaving the models never retrained.</summary>
    public static string Checked(string setting, string cron)
    {
        try
        {
            _ = new CronExpression(cron);
            return cron;
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{AnalyticsSettings.Section}:{setting} is not a Quartz cron expression: '{cron}' ({e.Message}).", e);
        }
    }
}
