using Analytics.Ingest.Files;
using Analytics.Ingest.Loading;

namespace Analytics.Ingest.Inbox;

/// <summary>
/// A folder where exports are dropped. Each scan loads the files that have stopped growing,
/// then moves each to done/ (loaded or duplicate) or failed/ (with NAME.reason.txt beside it).
/// </summary>
public sealed class InboxFolder(string path, FileLoader loader)
{
    /// <summary>A file written in the last moments may still be arriving; it waits for the next scan.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);

    public string Path { get; } = path;

    public string DonePath => System.IO.Path.Combine(Path, "done");

    public string FailedPath => System.IO.Path.Combine(Path, "failed");

    public IReadOnlyList<LoadReport> ScanOnce(DateTime? nowUtc = null)
    {
        Directory.CreateDirectory(Path);
        var now = nowUtc ?? DateTime.UtcNow;
        var ready = Directory.EnumerateFiles(Path)
            .Where(FileFormats.IsDataFile)
            .Where(f => now - File.GetLastWriteTimeUtc(f) >= SettleTime)
            .ToList();
        var reports = new List<LoadReport>();
        foreach (var file in FileLoader.Expand(ready, new LoadOptions()))
        {
            var report = loader.LoadFile(file, new LoadOptions());
            reports.Add(report);
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

    // A name seen before gets a time stamp, so a second export with the same name never overwrites the first.
    private static string MoveInto(string file, string folder)
    {
        Directory.CreateDirectory(folder);
        var target = System.IO.Path.Combine(folder, System.IO.Path.GetFileName(file));
        if (File.Exists(target))
        {
            target = System.IO.Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}_{System.IO.Path.GetFileName(file)}");
        }

        File.Move(file, target);
        return target;
    }
}
