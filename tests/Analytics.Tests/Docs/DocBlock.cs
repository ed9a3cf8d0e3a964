namespace Analytics.Tests.Docs;

/// <summary>A fenced code block of README.md or docs/*.md: its file (relative to the repository), the line of its opening fence, its language and text.</summary>
public sealed record DocBlock(string File, int Line, string Language, string Text)
{
    /// <summary>The languages a reader runs as written: these blocks run in the test; anything else (text, console, json, the output) does not.</summary>
    public static readonly IReadOnlySet<string> Runnable = new HashSet<string>(StringComparer.Ordinal) { "sh", "bash", "python" };

    public bool Runs => Runnable.Contains(Language);

    public string FirstLine => Text.Split('\n')[0].Trim();

    public override string ToString() => $"{File}:{Line}";

    /// <summary>The manual's pages: the README and docs/*.md.</summary>
    public static IEnumerable<string> Pages(string repoRoot) =>
        Directory.GetFiles(Path.Combine(repoRoot, "docs"), "*.md").Select(p => Path.GetRelativePath(repoRoot, p)).Order(StringComparer.Ordinal).Prepend("README.md");

    /// <summary>
    /// Every fenced block of a page, as CommonMark reads fences: three or more backticks or tildes, closed by a line of
    /// at least as many; a backtick line whose info string holds a backtick is inline code, not a fence. Indented
    /// blocks (in a list) lose their indentation.
    /// </summary>
    public static IEnumerable<DocBlock> In(string repoRoot, string page)
    {
        var lines = System.IO.File.ReadAllLines(Path.Combine(repoRoot, page));
        for (var i = 0; i < lines.Length; i++)
        {
            var opening = lines[i].TrimStart();
            var fence = opening.Length >= 3 && opening[0] is '`' or '~' ? new string(opening[0], opening.TakeWhile(c => c == opening[0]).Count()) : "";
            var info = opening[fence.Length..].Trim();
            if (fence.Length < 3 || (fence[0] == '`' && info.Contains('`', StringComparison.Ordinal)))
            {
                continue;
            }

            var indent = lines[i].Length - opening.Length;
            var language = info.Split(' ', 2)[0];
            var body = new List<string>();
            var start = i + 1;
            for (i++; i < lines.Length && !IsClosing(lines[i].Trim(), fence); i++)
            {
                body.Add(lines[i].Length >= indent && string.IsNullOrWhiteSpace(lines[i][..indent]) ? lines[i][indent..] : lines[i].TrimStart());
            }

            yield return new DocBlock(page.Replace('\\', '/'), start, language, string.Join('\n', body) + "\n");
        }
    }

    private static bool IsClosing(string line, string fence) => line.Length >= fence.Length && line.All(c => c == fence[0]);
}
