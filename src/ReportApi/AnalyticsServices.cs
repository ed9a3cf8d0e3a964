using Analytics.ReportApi.Accounts;
using Analytics.ReportApi.Access;
using Analytics.ReportApi.Arrow;
using Analytics.ReportApi.Campaigns;
using Analytics.ReportApi.Charts;
using Analytics.ReportApi.Dashboard;
using Analytics.ReportApi.Exports;
using Analytics.ReportApi.Health;
using Analytics.ReportApi.Inbox;
using Analytics.ReportApi.ModelJobs;
using Analytics.ReportApi.OData;
using Analytics.Warehouse;
using Microsoft.Extensions.Options;
using Quartz;

namespace Analytics.ReportApi;

/// <summary>
/// What the service is made of, in one place: every service it registers and, in order, its middleware and
/// every group of endpoints. The serve verb builds the app through it, and so do the functional tests
/// (WebApplicationFactory&lt;Program&gt;), so what they test is what runs.
/// </summary>
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
        var configuration = builder.Configuration;
        var settings = configuration.GetSection(AnalyticsSettings.Section).Get<AnalyticsSettings>() ?? new AnalyticsSettings();
        var services = builder.Services;
        services.Configure<AnalyticsSettings>(configuration.GetSection(AnalyticsSettings.Section));
        services.Configure<ODataLimits>(configuration.GetSection(ODataLimits.Section));
        services.AddTlsProxies(configuration);

        // One warehouse per process: DuckDB lets one process write the file, and every connection shares its database,
        // held to the configured memory from the first statement (the demo's load and the first refresh included).
        services.AddSingleton(sp => WarehouseDatabase.Open(
            sp.GetRequiredService<IOptions<AnalyticsSettings>>().Value.WarehousePath,
            memoryLimit: MemoryLimit.Parse(ODataLimits.MemoryLimitSetting, sp.GetRequiredService<IOptions<ODataLimits>>().Value.DuckDbMemoryLimit)));

        // Hosted services start in this order: the keys first, because the demo keys go in only while the warehouse
        // is still empty, and the warehouse start-up loads the demo.
        services.AddHostedService<KeyStartup>();
        services.AddSingleton<OperatorSecret>();
        services.AddHostedService<WarehouseStartup>();

        services.AddSingleton<ODataModelProvider>();
        services.AddSingleton<ReportCache>();
        services.AddSingleton<Analytics.Models.Actions.WhatIf>();
        services.AddOpenApi();

        services.AddQuartz(q =>
        {
            q.AddJob<InboxJob>(j => j.WithIdentity(InboxJob.Key));
            q.AddTrigger(t => t.ForJob(InboxJob.Key).StartNow().WithSimpleSchedule(s => s
                .WithInterval(TimeSpan.FromSeconds(Math.Max(1, settings.InboxScanSeconds)))
                .RepeatForever()));
            q.AddJob<TrainJob>(j => j.WithIdentity(TrainJob.Key));
            q.AddTrigger(t => t.ForJob(TrainJob.Key)
                .WithCronSchedule(CronSchedule.Checked(nameof(settings.TrainSchedule), settings.TrainSchedule), c => c.InTimeZone(TimeZoneInfo.Utc)));
            q.AddJob<ScoreJob>(j => j.WithIdentity(ScoreJob.Key));
            q.AddTrigger(t => t.ForJob(ScoreJob.Key)
                .WithCronSchedule(CronSchedule.Checked(nameof(settings.ScoreSchedule), settings.ScoreSchedule), c => c.InTimeZone(TimeZoneInfo.Utc)));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }

    public static WebApplication MapAnalytics(this WebApplication app)
    {
        // First, so everything after it sees the scheme a TLS proxy on this machine was reached by (the Secure cookie).
        app.UseForwardedHeaders();
        // Outermost but for that, so a failure anywhere (the access check included) still answers with a JSON body.
        app.UseMiddleware<UnexpectedErrors>();
        // A query over a mart that is missing or older than this release: a 503 saying so, from every endpoint.
        app.UseMiddleware<MartsNotReady>();
        // Every answer, refusals and the sign-in form included: nosniff; the HTML pages: no framing, no foreign script.
        app.UseMiddleware<PageHeaders>(PageHeaders.Policy([SignInPage.Style, DashboardPage.Css], [DashboardPage.SubmitOnChange]));
        // Before any endpoint: every request that is not open has a key, and its scope, from here on.
        app.UseMiddleware<AccessMiddleware>();

        app.MapHealth();
        app.MapSignIn();
        app.MapOData();
        app.MapArrow();
        app.MapExports();
        app.MapCharts();
        app.MapDashboard();
        app.MapAccounts();
        app.MapCampaigns();
        app.MapKeys();
        app.MapOpenApi();
        return app;
    }
}
