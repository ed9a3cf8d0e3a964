using Analytics.Ingest.Files;
using Analytics.Ingest.Loading;

namespace Analytics.Ingest.Inbox;

/// <summary>
/// A folder where exports are dropped. Each scan loads the files that have been quiet for <see cref="QuietPeriod"/>,
/// then moves each to done/ (loaded or duplicate) or failed/ (with NAME.reason.txt beside it). A file that changed
/// while it loaded stays where it is, and its new content loads on a later scan as a newer file.
/// </summary>
public sealed class InboxFolder(string path, FileLoader loader, TimeSpan? quietPeriod = null)
{
    /// <summary>
    /// How long a file must go unchanged before it is loaded: a copier that pauses longer than this and then writes
    /// on is caught by the check after the load, but a file written as NAME.part and renamed when whole never is.
    /// </summary>
    public static readonly TimeSpan DefaultQuietPeriod = TimeSpan.FromSeconds(5);

    private readonly List<string> _warnings = [];

    public string Path { get; } = path;

    public TimeSpan QuietPeriod { get; } = quietPeriod ?? DefaultQuietPeriod;

    public string DonePath => System.IO.Path.Combine(Path, "done");

    public string FailedPath => System.IO.Path.Combine(Path, "failed");

    /// <summary>What the last scan did not do as asked (a link refused, a file that changed while it loaded), for the log.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    public IReadOnlyList<LoadReport> ScanOnce(DateTime? nowUtc = null)
    {
        _warnings.Clear();
        Directory.CreateDirectory(Path);
        var now = nowUtc ?? DateTime.UtcNow;
        var candidates = Directory.EnumerateFiles(Path).Where(f => !IsStillBeingWritten(f) && FileFormats.IsDataFile(f)).ToList();
        var links = candidates.Where(IsLink).ToList();
        links.ForEach(RefuseLink);
        var ready = candidates.Except(links)
            .Where(f => now - File.GetLastWriteTimeUtc(f) >= QuietPeriod)
            .ToList();
        var reports = new List<LoadReport>();
        foreach (var file in FileLoader.Expand(ready, new LoadOptions()))
        {
            FileState before;
            LoadReport report;
            try
            {
                before = FileState.Of(file);
                report = loader.LoadFile(file, new LoadOptions());
            }
            catch (IOException e)
            {
                // Taken away (or locked) by its copier between the listing and the load: nothing was loaded.
                _warnings.Add($"{System.IO.Path.GetFileName(file)} could not be read: {e.Message}");
                continue;
            }

            reports.Add(report);
            if (!before.IsStill(file, report.Sha256))
            {
                _warnings.Add($"{System.IO.Path.GetFileName(file)} changed while it was loaded (batch {report.BatchId}): it stays in the inbox, and its new content loads on a later scan as a newer file");
                continue;
            }

            var target = report.Status == LoadStatus.Failed ? FailedPath : DonePath;
            var moved = MoveInto(file, target);
            var sidecar = Mapping.SidecarPath(file);
            if (File.Exists(sidecar))
            {
                File.Move(sidecar, System.IO.Path.ChangeExtension(moved, null) + ".mapping.json", overwrite: true);
            }

            if (report.Status == LoadStatus.Failed)
            {
                File.WriteAllText(moved + ".reason.txt", report.Error + Environment.NewLine);
            }
        }

        return reports;
    }

    /// <summary>
    /// Hidden files (rsync writes .NAME.XXXXXX, then renames) and office lock files (~$NAME): never loaded, never
    /// moved. Names copiers and browsers give a file until it is whole (NAME.part, NAME.tmp, NAME.crdownload) are no
    /// data files by their ending, so the scan never takes them (<see cref="FileFormats.IsDataFile"/>).
    /// </summary>
    public static bool IsStillBeingWritten(string file)
    {
        var name = System.IO.Path.GetFileName(file);
        return name.StartsWith('.') || name.StartsWith("~$", StringComparison.Ordinal);
    }

    // A link would load whatever it points to, anywhere on the machine, and its target could change under the load.
    private static bool IsLink(string file) => new FileInfo(file).LinkTarget is not null;

    private void RefuseLink(string link)
    {
        var reason = $"{System.IO.Path.GetFileName(link)} is a symbolic link: the inbox loads only files dropped into it and never follows links.";
        // File.Move renames the link itself; its target is not touched.
        var moved = MoveInto(link, FailedPath);
        File.WriteAllText(moved + ".reason.txt", reason + Environment.NewLine);
        _warnings.Add(reason.TrimEnd('.') + "; moved to failed/");
    }

    // A name seen before gets a time stamp, so a second export with the same name never overwrites the first.
    private static string MoveInto(string file, string folder)
    {
        Directory.CreateDirectory(folder);
        var target = System.IO.Path.Combine(folder, System.IO.Path.GetFileName(file));
        if (File.Exists(target) || new FileInfo(target).LinkTarget is not null)
        {
            target = System.IO.Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}_{System.IO.Path.GetFileName(file)}");
        }

        File.Move(file, target);
        return target;
    }

    /// <summary>A file's size and time before its load; with the hash the loader took, what it must still be after.</summary>
    private sealed record FileState(long Length, DateTime LastWriteUtc)
    {
        public static FileState Of(string file)
        {
            var info = new FileInfo(file);
            return new FileState(info.Length, info.LastWriteTimeUtc);
        }

        // The hash is read again only when size and time agree: it catches a copier that rewrote the same bytes' worth.
        public bool IsStill(string file, string sha256) =>
            File.Exists(file) && FileState.Of(file) == this && FileLoader.Sha256(file) == sha256;
    }
}
