using System.Collections.Concurrent;
using Analytics.Models.Monitoring;
using Analytics.Models.Runs;
using Analytics.ReportApi;
using Analytics.ReportApi.ModelJobs;
using Analytics.Tests.Support;
using Analytics.Warehouse;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Analytics.Tests.Monitoring;

/// <summary>
/// Issue 19: the service's own Quartz scheduler retrains when a scoring pass raises an alert, not after a steady pass,
/// and when the training schedule fires. Each test waits for the jobs' completion events, never for a clock: the
/// time limit only stops a test that hangs.
/// </summary>
public sealed class RetrainingTriggerTests(MonitoredDemoFixture demo) : IClassFixture<MonitoredDemoFixture>
{
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task A_pass_after_the_ticket_export_stopped_raises_missing_alerts_and_starts_the_training()
    {
        using (var connection = demo.Stopped.Connect())
        {
            // The export stopped 120 days before as_of: no ticket of any account since then.
            Assert.True(connection.Execute("delete from core.tickets where opened_at >= (select as_of_date from marts.as_of) - 120") > 0);
            new Warehouse.Marts.MartBuilder(connection).Refresh();
        }

        var trainedBefore = ChurnRuns(demo.Stopped);
        using var service = new AnalyticsFactory(demo.Stopped);
        var (scheduler, jobs) = await Listen(service);
        var trained = jobs.Done(TrainJob.Key);
        await scheduler.TriggerJob(ScoreJob.Key);
        await trained.WaitAsync(Hang);

        Assert.Equal([ScoreJob.Key.Name, TrainJob.Key.Name], jobs.Started);
        Assert.Equal(trainedBefore + 1, ChurnRuns(demo.Stopped));
        using var read = demo.Stopped.Connect();
        var alerts = MonitoringAlerts.Current(read);
        foreach (var feature in new[] { "tickets_90d", "sla_breaches_90d", "complaints_90d" })
        {
            // Every active account's value is missing now, none was in training: the share is 1.
            Assert.Contains(alerts, a => a.Kind == "missing" && a.Subject == feature && a.Value == 1.0);
        }
    }

    [Fact]
    public async Task A_steady_pass_starts_no_training_and_the_training_schedule_firing_retrains()
    {
        var trainedBefore = ChurnRuns(demo.Steady);
        using var service = new AnalyticsFactory(demo.Steady);
        var (scheduler, jobs) = await Listen(service);
        var scored = jobs.Done(ScoreJob.Key);
        await scheduler.TriggerJob(ScoreJob.Key);
        await scored.WaitAsync(Hang);
        using (var connection = demo.Steady.Connect())
        {
            Assert.Empty(MonitoringAlerts.Current(connection));
        }

        // The schedule's firing, as its cron trigger fires it. Had the pass triggered a training, that trigger would
        // have been stored before the pass ended, so earlier than this one: it would have run first (one at a time).
        var scheduled = jobs.Done(TrainJob.Key);
        await scheduler.TriggerJob(TrainJob.Key);
        await scheduled.WaitAsync(Hang);
        Assert.Equal([ScoreJob.Key.Name, TrainJob.Key.Name], jobs.Started);
        Assert.Equal(trainedBefore + 1, ChurnRuns(demo.Steady));
    }

    [Fact]
    public void The_default_schedules_retrain_on_sunday_at_two_and_score_nightly_at_three_utc()
    {
        var settings = new AnalyticsSettings();
        var wednesday = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero), Next(settings.TrainSchedule, wednesday));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 3, 0, 0, TimeSpan.Zero), Next(settings.ScoreSchedule, wednesday));
    }

    private static DateTimeOffset? Next(string cron, DateTimeOffset after) =>
        new CronExpression(CronSchedule.Checked("schedule", cron), TimeZoneInfo.Utc).GetNextValidTimeAfter(after);

    private static int ChurnRuns(WarehouseDatabase database)
    {
        using var connection = database.Connect();
        return new ModelRunRows(connection).All("churn").Count;
    }

    private static async Task<(IScheduler Scheduler, JobEvents Jobs)> Listen(AnalyticsFactory service)
    {
        var scheduler = await service.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var jobs = new JobEvents();
        scheduler.ListenerManager.AddJobListener(jobs, [GroupMatcher<JobKey>.AnyGroup()]);
        return (scheduler, jobs);
    }

    /// <summary>The model jobs the scheduler started, in order (the inbox scan runs beside them), and a task per job that completes when its next run ends.</summary>
    private sealed class JobEvents : IJobListener
    {
        private readonly ConcurrentQueue<string> _started = new();
        private readonly ConcurrentDictionary<JobKey, TaskCompletionSource> _done = new();

        public string Name => "retraining trigger test";

        public IReadOnlyList<string> Started => [.. _started];

        public Task Done(JobKey job) =>
            _done.GetOrAdd(job, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (context.JobDetail.Key.Equals(ScoreJob.Key) || context.JobDetail.Key.Equals(TrainJob.Key))
            {
                _started.Enqueue(context.JobDetail.Key.Name);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (_done.TryRemove(context.JobDetail.Key, out var done))
            {
                if (jobException is null)
                {
                    done.SetResult();
                }
                else
                {
                    done.SetException(jobException);
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}
