namespace Analytics.ReportApi.Cli;

/// <summary>A verb's arguments: positional values, <c>--name value</c> options and <c>--flag</c>s.</summary>
internal sealed class ParsedArgs
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    /// <summary>Arguments of the form --key=value that the verb does not know; serve hands them to ASP.NET Core.</summary>
    public List<string> PassThrough { get; } = [];

    public static ParsedArgs Parse(IReadOnlyList<string> args, Verb verb)
    {
        var parsed = new ParsedArgs();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                parsed.Positional.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? inlineValue = null;
            if (name.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
            {
                inlineValue = name[(eq + 1)..];
                name = name[..eq];
            }

            if (verb.Flags.Contains(name))
            {
                parsed._flags.Add(name);
            }
            else if (verb.Options.Contains(name) || name == "db")
            {
                var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"--{name} needs a value."));
                parsed._options[name] = value;
            }
            else if (verb.PassesUnknownThrough && inlineValue is not null)
            {
                parsed.PassThrough.Add(arg);
            }
            else
            {
                throw new UsageException($"'{verb.Name}' has no option --{name}; see 'analytics {verb.Name} --help'.");
            }
        }

        return parsed;
    }

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public bool Flag(string name) => _flags.Contains(name);

    public string Database => Option("db") ?? Analytics.Warehouse.WarehouseDatabase.DefaultPath;

    /// <summary>The running service's warehouse, when the verb runs inside the service for its operator.</summary>
    public Analytics.Warehouse.WarehouseDatabase? Served { get; set; }

    /// <summary>The warehouse to work on: the service's own when running inside it, else the file --db names.</summary>
    public WarehouseLease OpenWarehouse() =>
        Served is { } served ? new WarehouseLease(served, owned: false) : new WarehouseLease(Analytics.Warehouse.WarehouseDatabase.Open(Database), owned: true);

    public int IntOption(string name, int fallback) =>
        Option(name) is not { } text ? fallback
        : int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 0 ? value
        : throw new UsageException($"--{name} takes a whole number, not '{text}'.");
}
