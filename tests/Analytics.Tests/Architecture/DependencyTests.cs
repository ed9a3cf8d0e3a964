using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Analytics.Tests.Architecture;

/// <summary>
/// The shape ARCHITECTURE.md asks for, checked on the source tree and the compiled assemblies: each project
/// references only the steps before it in the flow, no folder of a project depends on itself through others, a
/// scheduled job never calls a verb, and ReportApi's SQL lives only where it is the feature (OData's translator,
/// campaigns, access): every other statement sits beside its capability in the project of its step.
/// </summary>
public sealed partial class DependencyTests(ITestOutputHelper output)
{
    /// <summary>files / exports -> Ingest -> Warehouse -> Models -> ReportApi, with Warehouse the foundation.</summary>
    private static readonly Dictionary<string, string[]> MayReference = new(StringComparer.Ordinal)
    {
        ["Warehouse"] = [],
        ["Ingest"] = ["Warehouse"],
        ["Models"] = ["Warehouse"],
        ["ReportApi"] = ["Warehouse", "Ingest", "Models"],
    };

    /// <summary>The ReportApi folders whose SQL is the feature itself.</summary>
    private static readonly string[] SqlFolders = ["OData/", "Campaigns/", "Access/"];

    [Fact]
    public void A_project_references_only_the_steps_before_it_in_the_flow()
    {
        var wrong = SourceProject.All()
            .SelectMany(p => !MayReference.TryGetValue(p.Name, out var allowed)
                ? [$"{p.Name} is not a step of the flow this test knows; add it to {nameof(MayReference)}."]
                : p.References.Where(r => !allowed.Contains(r)).Select(r => $"{p.Name} references {r}, a later step or a sibling."))
            .ToList();

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void No_folder_of_a_project_depends_on_itself_through_other_folders()
    {
        var found = new List<string>();
        foreach (var project in SourceProject.All())
        {
            var graph = FolderGraph.Of(project);
            output.WriteLine($"{project.Name}:\n{graph.Describe()}");
            foreach (var cycle in graph.Cycles())
            {
                found.Add($"{project.Name}: {string.Join(", ", cycle)} depend on each other:\n{graph.Describe(cycle)}");
            }
        }

        Assert.True(found.Count == 0, "Folder cycles:\n" + string.Join("\n", found));
    }

    [Fact]
    public void A_scheduled_job_never_calls_command_line_code()
    {
        var graph = FolderGraph.Of(SourceProject.Named("ReportApi"));

        Assert.False(graph.Reaches("Inbox/", "Cli/"), "Inbox/ reaches Cli/:\n" + graph.Describe());
        Assert.False(graph.Reaches("ModelJobs/", "Cli/"), "ModelJobs/ reaches Cli/:\n" + graph.Describe());
    }

    [Fact]
    public void ReportApi_has_SQL_only_in_ODatas_translator_campaigns_and_access()
    {
        var project = SourceProject.Named("ReportApi");
        var found = project.SourceFiles()
            .Where(f => !SqlFolders.Any(folder => f.StartsWith(folder, StringComparison.Ordinal)))
            .SelectMany(f => SqlIn(project.Text(f)).Select(sql => $"{f}: {sql}"))
            .ToList();

        Assert.True(found.Count == 0, "SQL outside OData/, Campaigns/ and Access/:\n" + string.Join("\n", found));
        var sqlFiles = Directory.EnumerateFiles(project.Folder, "*.sql", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(project.Folder, f).Replace('\\', '/'))
            .Where(f => !SqlFolders.Any(folder => f.StartsWith(folder, StringComparison.Ordinal)))
            .ToList();
        Assert.True(sqlFiles.Count == 0, "SQL files outside OData/, Campaigns/ and Access/: " + string.Join(", ", sqlFiles));
    }

    [Fact]
    public void The_cycle_finder_finds_folders_that_reach_each_other_and_not_those_that_do_not()
    {
        var graph = new FolderGraph(new Dictionary<string, SortedDictionary<string, string>>
        {
            ["Cli/"] = new() { ["Program.cs"] = "ServeVerb uses AnalyticsServices" },
            ["Program.cs"] = new() { ["Inbox/"] = "AnalyticsServices uses InboxJob", ["OData/"] = "AnalyticsServices uses ODataEndpoints" },
            ["Inbox/"] = new() { ["Cli/"] = "InboxJob uses LoadVerb" },
            ["Exports/"] = new() { ["OData/"] = "ExportEndpoints uses WholeSetQuery" },
        });

        var cycle = Assert.Single(graph.Cycles());
        Assert.Equal(["Cli/", "Inbox/", "Program.cs"], cycle);
        Assert.True(graph.Reaches("Inbox/", "Cli/"));
        Assert.False(graph.Reaches("OData/", "Exports/"));
    }

    [Fact]
    public void The_SQL_finder_reads_statements_in_every_kind_of_string_but_not_in_comments_or_words()
    {
        const string source = """"
            // select name from core.accounts, in a comment
            /* delete from core.orders */
            var quote = '"';
            var a = "select count(*) from meta.load_batches";
            var b = @"insert into ""core"".orders values (1)";
            var c = $"update meta.settings set value = {value} where key = {string.Join(", ", keys)}";
            var d = $$"""
                create or replace table marts.{{name}} as
                """;
            var e = "Select a region, then a tier.";
            var f = "set enable_external_access = false";
            """";

        var found = SqlIn(source);

        Assert.Equal(5, found.Count);
        Assert.StartsWith("select count(*) from", found[0], StringComparison.Ordinal);
        Assert.StartsWith("insert into", found[1], StringComparison.Ordinal);
        Assert.StartsWith("update meta.settings set", found[2], StringComparison.Ordinal);
        Assert.StartsWith("create or replace table", found[3], StringComparison.Ordinal);
        Assert.StartsWith("set enable_external_access", found[4], StringComparison.Ordinal);
    }

    /// <summary>The string literals of <paramref name="source"/> that read as SQL, each on one line.</summary>
    private static List<string> SqlIn(string source) =>
        [.. StringLiterals.In(source).Where(s => Sql().IsMatch(s)).Select(s => Whitespace().Replace(s, " ").Trim())];

    /// <summary>
    /// What a statement looks like: select ... from, select f(...), insert into, update T set, delete from,
    /// create/drop/alter of a table, view, schema, sequence, index or macro, and DuckDB's "set NAME =".
    /// </summary>
    [GeneratedRegex("""\bselect\b[\s\S]*?\bfrom\b|\bselect\s+[\w.]+\(|\binsert\s+into\b|\bupdate\s+[\w."]+\s+set\b|\bdelete\s+from\b|\b(?:create|drop|alter)\s+(?:or\s+replace\s+)?(?:temp\s+|temporary\s+)?(?:table|view|schema|sequence|index|macro)\b|\bset\s+\w+\s*=""",
        RegexOptions.IgnoreCase)]
    private static partial Regex Sql();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
