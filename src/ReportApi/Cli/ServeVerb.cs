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
        await app.RunAsync();
        return 0;
    }
}
