using System.Text;
using static Analytics.Warehouse.SqlExtensions;

namespace Analytics.Ingest.Loading;

/// <summary>
/// A CSV file's columns, from its first line, to give DuckDB's reader an explicit schema. Left to sniff the file
/// itself, the reader fails the whole file when one line in its sample is broken (a quote that never closes:
/// "Error when sniffing file"); told the columns, it rejects just that line and reads on.
/// </summary>
internal static class CsvHeader
{
    /// <summary>The header's names (repeats made unique as DuckDB does: a, a_1), or column1, column2, ... for a file without one.</summary>
    public static IReadOnlyList<string> Names(string path, char delimiter, bool header)
    {
        var fields = Fields(FirstLine(path), delimiter);
        if (!header)
        {
            return Enumerable.Range(1, fields.Count).Select(i => $"column{i}").ToList();
        }

        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Length == 0 ? $"column{i}" : fields[i];
            var unique = name;
            for (var n = 1; !seen.Add(unique); n++)
            {
                unique = $"{name}_{n}";
            }

            names.Add(unique);
        }

        return names;
    }

    /// <summary>The reader's <c>columns</c> argument: every column as text.</summary>
    public static string ColumnsArgument(IReadOnlyList<string> names) =>
        "{" + string.Join(", ", names.Select(n => $"{Literal(n)}: 'varchar'")) + "}";

    private static string FirstLine(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadLine() ?? "";
    }

    // One line split at the delimiter outside double quotes; "" inside quotes is one quote.
    private static List<string> Fields(string line, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
