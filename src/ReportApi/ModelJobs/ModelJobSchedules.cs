using Analytics.ReportApi.Hosting;
using Quartz;

namespace Analytics.ReportApi.ModelJobs;

/// <summary>The training and scoring jobs on their cron schedules (Quartz syntax: seconds minutes hours day month weekday).</summary>
internal static class ModelJobSchedules
{
    public static void AddModelJobs(this IQuartzBuilder quartz, IConfiguration configuration)
    {
        var defaults = new AnalyticsSettings();
        var train = configuration.GetValue($"{AnalyticsSettings.Section}:{nameof(AnalyticsSettings.TrainSchedule)}", defaults.TrainSchedule)!;
        var score = configuration.GetValue($"{AnalyticsSettings.Section}:{nameof(AnalyticsSettings.ScoreSchedule)}", defaults.ScoreSchedule)!;
        foreach (var (name, cron) in new[] { (nameof(AnalyticsSettings.TrainSchedule), train), (nameof(AnalyticsSettings.ScoreSchedule), score) })
        {
            try
            {
                _ = new CronExpression(cron);
            }
            catch (FormatException e)
            {
                throw new InvalidOperationException($"Analytics:{name} is not a Quartz cron expression: '{cron}' ({e.Message}).", e);
            }
        }

        quartz.AddJob<TrainJob>(j => j.WithIdentity(TrainJob.Key));
        quartz.AddTrigger(t => t.ForJob(TrainJob.Key).WithCronSchedule(train, c => c.InTimeZone(TimeZoneInfo.Utc)));
        quartz.AddJob<ScoreJob>(j => j.WithIdentity(ScoreJob.Key));
        quartz.AddTrigger(t => t.ForJob(ScoreJob.Key).WithCronSchedule(score, c => c.InTimeZone(TimeZoneInfo.Utc)));
    }
}
