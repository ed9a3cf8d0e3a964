using System.Text.RegularExpressions;
using Analytics.Tests.Support;

namespace Analytics.Tests.Marts;

/// <summary>
/// The reports' includes ({{name}} in a report pastes Reports/_name.sql, once: a partial's own text is not expanded
/// again; {{mart:name}} a mart's own rule, Marts/NNN_name.sql): each names a partial or mart that exists, each partial is used, and none sits in a report's comment, where the
/// pasted text would run on inside the comment line and leave the query broken (a quote in the partial's comment
/// opens a string).
/// </summary>
public sealed partial class ReportIncludeTests
{
    private static readonly string Folder = Path.Combine(TestPaths.RepoRoot, "src", "Warehouse", "Reports");

    [Fact]
    public void Includes_name_existing_partials_every_partial_is_used_and_none_is_in_a_comment()
    {
        var files = Directory.GetFiles(Folder, "*.sql").ToDictionary(f => Path.GetFileNameWithoutExtension(f), File.ReadAllLines);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, lines) in files.Where(f => !f.Key.StartsWith('_')))
        {
            foreach (var line in lines)
            {
                Assert.False(line.TrimStart().StartsWith("--", StringComparison.Ordinal) && line.Contains("{{", StringComparison.Ordinal),
                    $"Reports/{name}.sql has an include in a comment: {line.Trim()}");
                foreach (Match mart in MartRule().Matches(line))
                {
                    Assert.Single(Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "src", "Warehouse", "Marts"), $"*_{mart.Groups[1].Value}.sql"));
                }

                foreach (Match include in Include().Matches(line))
                {
                    var partial = "_" + include.Groups[1].Value;
                    Assert.True(files.ContainsKey(partial), $"Reports/{name}.sql includes {{{{{include.Groups[1].Value}}}}}, but there is no {partial}.sql");
                    used.Add(partial);
                }
            }
        }

        Assert.All(files.Keys.Where(n => n.StartsWith('_')), partial => Assert.Contains(partial, used));
    }

    [GeneratedRegex(@"\{\{([a-z_]+)\}\}")]
    private static partial Regex Include();

    [GeneratedRegex(@"\{\{mart:([a-z_]+)\}\}")]
    private static partial Regex MartRule();
}
