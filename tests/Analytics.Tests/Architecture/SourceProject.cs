using System.Text.RegularExpressions;
using System.Xml.Linq;
using Analytics.Tests.Support;

namespace Analytics.Tests.Architecture;

/// <summary>One project under src/: its folder, its assembly, the projects it references and its C# files.</summary>
internal sealed partial record SourceProject(string Name, string Folder, string AssemblyName, IReadOnlyList<string> References)
{
    public static IReadOnlyList<SourceProject> All() =>
        [.. Directory.GetDirectories(Path.Combine(TestPaths.RepoRoot, "src"))
            .SelectMany(folder => Directory.GetFiles(folder, "*.csproj"))
            .Order(StringComparer.Ordinal)
            .Select(Read)];

    public static SourceProject Named(string name) => All().Single(p => p.Name == name);

    private static SourceProject Read(string csproj)
    {
        var xml = XDocument.Load(csproj);
        var name = Path.GetFileNameWithoutExtension(csproj);
        var references = xml.Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();
        var assembly = xml.Descendants("AssemblyName").FirstOrDefault()?.Value ?? name;
        return new SourceProject(name, Path.GetDirectoryName(csproj)!, assembly, references);
    }

    /// <summary>The project's own C# files, as paths relative to its folder with '/' between folders.</summary>
    public IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Folder, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public string Text(string file) => File.ReadAllText(Path.Combine(Folder, file));

    /// <summary>
    /// The unit of the folder graph a file belongs to: its folder ("OData/", "Marts/Settings/"), or, for a file at
    /// the project's root, the file itself ("Program.cs"): the root holds the entry point and the composition,
    /// which use every folder, beside the settings and error shapes every folder uses, so it cannot be one unit.
    /// </summary>
    public static string Unit(string file) =>
        file.LastIndexOf('/') is var slash and >= 0 ? file[..(slash + 1)] : file;

    /// <summary>
    /// Where each type is declared, by its full name as reflection spells it ("Analytics.ReportApi.OData.ODataQuery",
    /// "Ns.Name`1"): the unit of its file. Read from the source, so a file whose namespace is not its folder still
    /// counts where it lies.
    /// </summary>
    public IReadOnlyDictionary<string, string> DeclaredTypes()
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in SourceFiles())
        {
            var code = LineComment().Replace(Text(file), "");
            var ns = Namespace().Match(code) is { Success: true } m ? m.Groups[1].Value + "." : "";
            foreach (Match declaration in Declaration().Matches(code))
            {
                var parameters = declaration.Groups[2].Success ? declaration.Groups[2].Value.Count(c => c == ',') + 1 : 0;
                var name = ns + declaration.Groups[1].Value + (parameters > 0 ? "`" + parameters : "");
                types.TryAdd(name, Unit(file));
            }
        }

        return types;
    }

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"\b(?:class|interface|enum|struct|record)\s+(?!class\b|struct\b)(\w+)\s*(?:<([^>]*)>)?")]
    private static partial Regex Declaration();
}
