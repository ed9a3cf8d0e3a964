using System.Reflection;

namespace Analytics.Warehouse;

/// <summary>
/// The small hand-written CSV files shipped inside this assembly (holiday calendars, setting defaults):
/// their rows after the header, fields split at commas outside double quotes.
/// </summary>
internal static class EmbeddedCsv
{
    public static IEnumerable<string[]> Rows(string resource)
    {
        var text = Migrator.ReadResource(Assembly.GetExecutingAssembly(), resource);
        foreach (var line in text.Split('\n').Skip(1).Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0))
        {
            yield return Fields(line);
        }
    }

    private static string[] Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (ch == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ',' && !quoted)
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }

        fields.Add(field.ToString().Trim());
        return [.. fields];
    }
}
