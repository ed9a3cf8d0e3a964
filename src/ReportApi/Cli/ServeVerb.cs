using Analytics.Warehouse;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Analytics.ReportApi.Cli;

/// <summary><c>analytics serve [--urls URL] [--inbox DIR]</c> (also: no verb): the one process that owns the warehouse.</summary>
internal static class ServeVerb
{
    public const string DefaultUrls = "http://localhost:5000";

    public static Verb Definition { get; } = new(
        "serve",
        "serve [--urls URL] [--inbox DIR]",
        """
        Runs the service (default http://localhost:5000): the API, the dashboard and the scheduler
        that loads files dropped into the inbox (default data/inbox) and rebuilds the marts.
        """,
        new HashSet<string> { "urls", "inbox" },
        new HashSet<string>(),
        RunAsync)
    {
        PassesUnknownThrough = true,
    };

    private static async Task<int> RunAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positional.Count > 0)
        {
            throw new UsageException($"serve takes no positional arguments ('{args.Positional[0]}').");
        }

        // appsettings.json ships beside the program, unless --contentRoot=DIR says where it is (a test host does);
        // data paths stay relative to where it is run.
        var contentRootGiven = args.PassThrough.Any(a => a.StartsWith("--contentRoot=", StringComparison.OrdinalIgnoreCase));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args.PassThrough],
            ContentRootPath = contentRootGiven ? null : AppContext.BaseDirectory,
        });
        var overrides = new Dictionary<string, string?>();
        if (args.Option("db") is { } db)
        {
            overrides[$"{AnalyticsSettings.Section}:WarehousePath"] = db;
        }

        if (args.Option("inbox") is { } inbox)
        {
            overrides[$"{AnalyticsSettings.Section}:InboxPath"] = inbox;
        }

        builder.Configuration.AddInMemoryCollection(overrides);
        builder.WebHost.UseUrls(args.Option("urls") ?? builder.Configuration["urls"] ?? DefaultUrls);
        builder.AddAnalytics();
        var app = builder.Build();
        app.MapAnalytics();
        // The CLI verbs for this machine's operator (here, not in MapAnalytics: they are the command line's own).
        app.MapOperator();
        PublishOperatorFile(app);
        // The warehouse opened before the host starts: a setting it refuses (a memory limit that is not a size) or a file
        // another process holds is then the command line's one sentence and exit code, not a host failure logged with its
        // stack trace before it.
        _ = app.Services.GetRequiredService<WarehouseDatabase>();
        await app.RunAsync();
        return 0;
    }

    /// <summary>Once listening, the service tells this machine's operator where it is and how to prove who they are.</summary>
    private static void PublishOperatorFile(WebApplication app)
    {
        var secret = app.Services.GetRequiredService<Access.OperatorSecret>();
        var warehouse = app.Services.GetRequiredService<IOptions<AnalyticsSettings>>().Value.WarehousePath;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            if (app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses is { Count: > 0 } addresses)
            {
                secret.Publish(warehouse, KeyService.Reachable(string.Join(';', addresses)));
            }
        });
        app.Lifetime.ApplicationStopped.Register(() => File.Delete(Access.OperatorSecret.FileOf(warehouse)));
    }
}
