using System.Diagnostics;
using System.Text.Json;

namespace Analytics.Tests.Exports;

/// <summary>
/// Readers of XLSX that no one here wrote: npm exceljs (strict about OOXML element order; installed by ./test.sh
/// into the cache) and Debian's python3-openpyxl. Each reads every workbook in a folder and answers
/// {file: rows of cells}, a cell as "type:text" (s text, n number, d day, t instant in UTC, b boolean) or null.
/// </summary>
internal static class SpreadsheetReaders
{
    public static string ExcelJsHome => Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "analytics", "exceljs");

    private static string Script(string name) => Path.Combine(Support.TestPaths.RepoRoot, "tests", "Analytics.Tests", "Exports", name);

    public static Task<Dictionary<string, List<List<string?>>>> ExcelJs(string folder)
    {
        Assert.True(Directory.Exists(Path.Combine(ExcelJsHome, "node_modules", "exceljs")), $"exceljs is not in {ExcelJsHome}; ./test.sh installs it.");
        return Run("node", [Script("read-xlsx.mjs"), folder], ("EXCELJS_HOME", ExcelJsHome));
    }

    /// <summary>Debian's python (not a pyenv or venv one on PATH): python3-openpyxl is installed there.</summary>
    public static Task<Dictionary<string, List<List<string?>>>> OpenPyxl(string folder) =>
        Run("/usr/bin/python3", [Script("read_xlsx.py"), folder]);

    private static async Task<Dictionary<string, List<List<string?>>>> Run(string program, string[] args, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} failed: {await errors}");
        return JsonSerializer.Deserialize<Dictionary<string, List<List<string?>>>>(await output)!;
    }
}
