using System.Globalization;
using System.Text.RegularExpressions;

namespace Analytics.Warehouse;

/// <summary>
/// How much memory DuckDB may use for the warehouse, as an operator wrote it in a setting (e.g. "8GB"), in bytes.
/// Read here rather than handed to DuckDB as written: DuckDB takes "-1GB" as no limit at all and ignores what follows
/// the unit ("1GB x"), and reads its setting back rounded ("476.8 MiB" for 500MB), so the bytes would be lost.
/// </summary>
public sealed partial class MemoryLimit
{
    // The units DuckDB 1.5.6 takes, in any case (so a value it was given as written before still reads): powers of 1000
    // by name, initial or abbreviation, and of 1024 as KiB to TiB.
    private static readonly Dictionary<string, long> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["b"] = 1, ["byte"] = 1, ["bytes"] = 1,
        ["k"] = 1000, ["kb"] = 1000, ["kilobyte"] = 1000, ["kilobytes"] = 1000,
        ["m"] = 1_000_000, ["mb"] = 1_000_000, ["megabyte"] = 1_000_000, ["megabytes"] = 1_000_000,
        ["g"] = 1_000_000_000, ["gb"] = 1_000_000_000, ["gigabyte"] = 1_000_000_000, ["gigabytes"] = 1_000_000_000,
        ["t"] = 1_000_000_000_000, ["tb"] = 1_000_000_000_000, ["terabyte"] = 1_000_000_000_000, ["terabytes"] = 1_000_000_000_000,
        ["kib"] = 1L << 10, ["mib"] = 1L << 20, ["gib"] = 1L << 30, ["tib"] = 1L << 40,
    };

    private MemoryLimit(string setting, string text, long bytes)
    {
        Setting = setting;
        Text = text;
        Bytes = bytes;
    }

    /// <summary>The setting it was read from, named in every error about it.</summary>
    public string Setting { get; }

    /// <summary>As the operator wrote it.</summary>
    public string Text { get; }

    public long Bytes { get; }

    /// <summary>
    /// The limit <paramref name="text"/> states, or null when it is empty (DuckDB's default, 80% of the machine's memory).
    /// Anything else that is not a positive size throws a <see cref="WarehouseException"/> naming the setting and the value.
    /// </summary>
    public static MemoryLimit? Parse(string setting, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var size = Size().Match(text);
        if (!size.Success || !Units.TryGetValue(size.Groups["unit"].Value, out var unit)
            || !decimal.TryParse(size.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            throw Refused(setting, text, "which is not a size");
        }

        if (number > long.MaxValue / unit)
        {
            throw Refused(setting, text, "more than any machine has");
        }

        var bytes = (long)(number * unit);
        if (bytes < 1)
        {
            throw Refused(setting, text, "no memory at all");
        }

        return new MemoryLimit(setting, text.Trim(), bytes);
    }

    private static WarehouseException Refused(string setting, string text, string why) => new(
        $"{setting} is '{text}', {why}: give a number and a unit, e.g. 2GB or 512MiB (KB, MB, GB, TB count in 1000s; KiB, MiB, GiB, TiB in 1024s), or leave it empty for DuckDB's default, 80% of the memory.");

    public override string ToString() => $"{Setting} = {Text}";

    [GeneratedRegex(@"^\s*(?<number>\d+(\.\d*)?|\.\d+)\s*(?<unit>[a-z]+)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Size();
}
