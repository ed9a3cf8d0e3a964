using Analytics.Warehouse;

namespace Analytics.ReportApi.Cli;

/// <summary>
/// The analytics command: picks the verb, runs it, and turns failures into one sentence on
/// stderr and the exit codes of shared/CONTRACT.md (0 success, 2 bad usage or input, 1 other failure).
/// </summary>
internal static class CommandLine
{
    public static IReadOnlyList<Verb> Verbs { get; } =
    [
        ServeVerb.Definition,
        DemoVerb.Definition,
        LoadVerb.Definition,
        RefreshVerb.Definition,
        QueryVerb.Definition,
        SettingsVerb.Definition,
        KeysVerb.Definition,
        ClvVerb.Definition,
        TrainVerb.Definition,
        ScoreVerb.Definition,
        DuplicatesVerb.Definition,
    ];

    /// <summary>
    /// The verbs an operator needs while the service runs: when the service holds the warehouse they run inside it
    /// (<see cref="OperatorClient"/>, <see cref="OperatorEndpoints"/>), with the output they have on the file.
    /// </summary>
    public static IReadOnlyList<Verb> Forwarded { get; } =
        [LoadVerb.Definition, RefreshVerb.Definition, SettingsVerb.Definition, KeysVerb.Definition, QueryVerb.Definition, DuplicatesVerb.Definition];

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["--help" or "-h" or "help"])
        {
            await stdout.WriteLineAsync(Overview());
            return 0;
        }

        // No verb (or only options) means serve: that is what 'dotnet run --project src/ReportApi' does.
        var verb = args.Length > 0 && !args[0].StartsWith('-') ? Verbs.FirstOrDefault(v => v.Name == args[0]) : ServeVerb.Definition;
        if (verb is null)
        {
            await stderr.WriteLineAsync($"There is no verb '{args[0]}'; run 'analytics --help' for the list.");
            return 2;
        }

        var rest = args.Length > 0 && args[0] == verb.Name ? args[1..] : args;
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            await stdout.WriteLineAsync(verb.Help);
            return 0;
        }

        return await RunVerbAsync(verb, rest, null, stdout, stderr);
    }

    /// <summary>A verb run by the service for its operator, on the service's warehouse; its output as text.</summary>
    public static async Task<OperatorResult> RunInServiceAsync(Verb verb, IReadOnlyList<string> args, WarehouseDatabase served)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await RunVerbAsync(verb, args, served, stdout, stderr);
        return new OperatorResult(code, stdout.ToString(), stderr.ToString());
    }

    private static async Task<int> RunVerbAsync(Verb verb, IReadOnlyList<string> rest, WarehouseDatabase? served, TextWriter stdout, TextWriter stderr)
    {
        ParsedArgs? parsed = null;
        try
        {
            parsed = ParsedArgs.Parse(rest, verb);
            parsed.Served = served;
            return await verb.Run(parsed, stdout, stderr);
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return 2;
        }
        catch (WarehouseBusyException e)
        {
            if (served is null && Forwarded.Contains(verb)
                && await OperatorClient.RunAsync(verb, rest, parsed!.Database, stdout, stderr) is { } code)
            {
                return code;
            }

            await stderr.WriteLineAsync(e.Message);
            return 1;
        }
        catch (WarehouseException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return 2;
        }
        catch (DuckDB.NET.Data.DuckDBException e)
        {
            await stderr.WriteLineAsync(e.Message.ReplaceLineEndings(" ").Trim());
            return 2;
        }
        catch (IOException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return 1;
        }
#pragma warning disable CA1031 // The last line of defence: a user gets one sentence and exit 1, never a stack trace.
        // A test host (WebApplicationFactory) stops serve this way once it holds the built app: not a failure to report.
        catch (Exception e) when (e is not HostAbortedException)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync($"Unexpected failure: {e.Message.ReplaceLineEndings(" ").Trim()}");
            return 1;
        }
    }

    private static string Overview() =>
        "usage: analytics [VERB] [options]   (no verb: serve)\n\nverbs:\n"
        + string.Join("\n", Verbs.Select(v => $"  {v.Name,-8} {v.Summary.Split('\n')[0]}"))
        + "\n\n'analytics VERB --help' tells more about each.";
}
