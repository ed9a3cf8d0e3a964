using Analytics.ReportApi.Access;
using Analytics.ReportApi.Campaigns;
using Analytics.ReportApi.Dashboard;
using Analytics.ReportApi.Health;
using Analytics.ReportApi.Inbox;
using Analytics.ReportApi.OData;
using Analytics.ReportApi.ModelJobs;
using Analytics.Warehouse;
using Microsoft.Extensions.Options;
using Quartz;

namespace Analytics.ReportApi.Hosting;

/// <summary>The wiring of the service: one warehouse per process, the scheduler, the endpoints.</summary>
internal static class AnalyticsServices
{
    public static WebApplicationBuilder AddAnalytics(this WebApplicationBuilder builder)
    {
        // One line per event, so the first run reads as a short story of what it loaded and where it listens.
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Services.Configure<AnalyticsSettings>(builder.Configuration.GetSection(AnalyticsSettings.Section));
        builder.Services.AddSingleton(sp => WarehouseDatabase.Open(sp.GetRequiredService<IOptions<AnalyticsSettings>>().Value.WarehousePath));
        builder.AddAccess();
        builder.Services.AddHostedService<WarehouseStartup>();
        builder.AddCampaigns();
        builder.Services.AddDashboard();
        builder.Services.AddOData(builder.Configuration);
        builder.Services.AddQuartz(q =>
        {
            q.AddJob<InboxJob>(j => j.WithIdentity(InboxJob.Key));
            q.AddTrigger(t => t.ForJob(InboxJob.Key).StartNow().WithSimpleSchedule(s => s
                .WithInterval(TimeSpan.FromSeconds(Math.Max(1, builder.Configuration.GetValue($"{AnalyticsSettings.Section}:InboxScanSeconds", 30))))
                .RepeatForever()));
            q.AddModelJobs(builder.Configuration);
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }

    public static WebApplication MapAnalytics(this WebApplication app)
    {
        app.UseMiddleware<UnexpectedErrors>();
        app.UseAccess();
        app.MapHealth();
        app.MapCampaigns();
        app.MapDashboard();
        app.MapOData();
        return app;
    }
}
