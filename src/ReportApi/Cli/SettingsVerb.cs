using Analytics.Warehouse;
using Analytics.Warehouse.Marts;

namespace Analytics.ReportApi.Cli;

/// <summary><c>analytics settings [KEY [VALUE]]</c>: lists, shows or sets what the marts and models read.</summary>
internal static class SettingsVerb
{
    public static Verb Definition { get; } = new(
        "settings",
        "settings [KEY [VALUE]]",
        """
        Lists the settings the marts and models read (windows, cut points, churn days...), shows one,
        or sets one; an empty VALUE ('') puts it back to its default. Run 'analytics refresh' after.
        """,
        new HashSet<string>(),
        new HashSet<string>(),
        RunAsync);

    private static async Task<int> RunAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positional.Count > 2)
        {
            throw new UsageException("Give at most a key and a value.");
        }

        using var warehouse = args.OpenWarehouse();
        using var connection = warehouse.Database.Connect();
        if (args.Positional.Count == 2)
        {
            MartSettings.Set(connection, args.Positional[0], args.Positional[1]);
        }

        var settings = MartSettings.All(connection).Where(s => args.Positional.Count == 0 || s.Key == args.Positional[0]).ToList();
        if (settings.Count == 0)
        {
            throw new UsageException($"There is no setting '{args.Positional[0]}'; 'analytics settings' lists them.");
        }

        foreach (var setting in settings)
        {
            await stdout.WriteLineAsync(MartSettings.Describe(setting));
        }

        return 0;
    }
}
