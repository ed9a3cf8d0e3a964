using Analytics.ReportApi.Health;
using Analytics.ReportApi.Inbox;
using Analytics.Warehouse;
using Microsoft.Extensions.Options;
using Quartz;

namespace Analytics.ReportApi.Hosting;

/// <summary>The wiring of the service: one warehouse per process, the scheduler, the endpoints.</summary>
internal static class AnalyticsServices
{
    public static WebApplicationBuilder AddAnalytics(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AnalyticsSettings>(builder.Configuration.GetSection(AnalyticsSettings.Section));
        builder.Services.AddSingleton(sp => WarehouseDatabase.Open(sp.GetRequiredService<IOptions<AnalyticsSettings>>().Value.WarehousePath));
        builder.Services.AddHostedService<WarehouseStartup>();
        builder.Services.AddQuartz(q =>
        {
            q.AddJob<InboxJob>(j => j.WithIdentity(InboxJob.Key));
            q.AddTrigger(t => t.ForJob(InboxJob.Key).StartNow().WithSimpleSchedule(s => s
                .WithInterval(TimeSpan.FromSeconds(Math.Max(1, builder.Configuration.GetValue($"{AnalyticsSettings.Section}:InboxScanSeconds", 30))))
                .RepeatForever()));
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }

    public static WebApplication MapAnalytics(this WebApplication app)
    {
        app.MapHealth();
        return app;
    }
}
