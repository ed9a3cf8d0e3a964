using System.Text.Json;
using System.Text.Json.Nodes;
using Analytics.Tests.Support;

namespace Analytics.Tests.Notebooks;

/// <summary>
/// One notebook of notebooks/ executed headless as an analyst's machine runs it: Debian's interpreter
/// (/usr/bin/python3, with python3-pandas, -matplotlib, -requests, -ipykernel and jupyter-nbconvert; never the
/// python3 first on PATH, which may be another one without them), its kernel named explicitly through a
/// JUPYTER_PATH of the test's own, and ANALYTICS_URL / ANALYTICS_KEY pointing at the demo service.
/// </summary>
public sealed record NotebookRun(JsonObject Executed)
{
    public static string Folder { get; } = Path.Combine(TestPaths.RepoRoot, "notebooks");

    public static IEnumerable<string> Names =>
        Directory.GetFiles(Folder, "*.ipynb").Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal);

    public static JsonObject Read(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    public static IEnumerable<JsonObject> Cells(JsonObject notebook) => notebook["cells"]!.AsArray().Select(c => c!.AsObject());

    public static async Task<NotebookRun> ExecuteAsync(string name, DemoService demo, string key)
    {
        using var work = new TempFolder();
        var kernel = work.Write("jupyter/kernels/python3/kernel.json", JsonSerializer.Serialize(new
        {
            argv = new[] { TestPaths.DebianPython, "-m", "ipykernel_launcher", "-f", "{connection_file}" },
            display_name = "Python 3 (Debian)",
            language = "python",
        }));
        var result = await ExternalCommand.RunAsync(
            TestPaths.DebianPython,
            ["-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=python3",
             "--ExecutePreprocessor.timeout=600", "--output-dir", work.Path, Path.Combine(Folder, name + ".ipynb")],
            Folder,
            ExternalCommand.Environment(new Dictionary<string, string?>
            {
                ["ANALYTICS_URL"] = demo.Url,
                ["ANALYTICS_KEY"] = key,
                ["JUPYTER_PATH"] = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(kernel))),
                ["MPLCONFIGDIR"] = work.File("matplotlib"),
                ["PYTHONDONTWRITEBYTECODE"] = "1",
            }),
            TimeSpan.FromMinutes(15));
        Assert.True(result.ExitCode == 0, $"{name} did not run to the end: {result}");
        return new NotebookRun(Read(work.File(name + ".ipynb")));
    }

    public IEnumerable<JsonObject> Outputs =>
        Cells(Executed).SelectMany(c => c["outputs"]?.AsArray() ?? []).Select(o => o!.AsObject());

    /// <summary>The charts it drew (PNG images in its outputs).</summary>
    public int Images => Outputs.Count(o => o["data"]?["image/png"] is not null);

    /// <summary>Everything it printed.</summary>
    public string Printed => string.Concat(Outputs.Where(o => (string?)o["output_type"] == "stream").Select(o => Text(o["text"])));

    /// <summary>The figures its last cell printed as `FIGURES {...}`.</summary>
    public JsonObject Figures
    {
        get
        {
            var line = Printed.Split('\n').SingleOrDefault(l => l.StartsWith("FIGURES ", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"No FIGURES line in:\n{Printed}");
            return JsonNode.Parse(line["FIGURES ".Length..])!.AsObject();
        }
    }

    // nbformat keeps multi-line text either as one string or as a list of lines.
    private static string Text(JsonNode? node) =>
        node is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)node ?? "";
}
