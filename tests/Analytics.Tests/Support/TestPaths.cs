namespace Analytics.Tests.Support;

internal static class TestPaths
{
    /// <summary>The repository root: the folder with Analytics.sln above the test binaries.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>shared/datasets beside the repository (CI has it; a user's clone may not), or ANALYTICS_DATASETS.</summary>
    public static string? Datasets
    {
        get
        {
            var candidate = Environment.GetEnvironmentVariable("ANALYTICS_DATASETS")
                ?? Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "datasets"));
            return Directory.Exists(candidate) ? candidate : null;
        }
    }

    public static string Dataset(string name) =>
        Path.Combine(Datasets ?? throw new InvalidOperationException("The datasets folder is absent."), name);

    /// <summary>
    /// Debian's Python (python3-pandas, -matplotlib, -requests, -ipykernel, jupyter-nbconvert; ./test.sh installs them),
    /// named by path: the python3 first on PATH may be another interpreter without them (pyenv's, here).
    /// </summary>
    public const string DebianPython = "/usr/bin/python3";

    /// <summary>The analytics command as built beside the tests.</summary>
    public static string AnalyticsDll { get; } = Path.Combine(AppContext.BaseDirectory, "analytics.dll");

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Analytics.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Analytics.sln not found above the test binaries.");
    }
}
