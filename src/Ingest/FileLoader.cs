using System.Diagnostics;
using System.Security.Cryptography;
using Analytics.Ingest.Entities;
using Analytics.Ingest.Files;
using Analytics.Ingest.Formats;
using Analytics.Ingest.Loading;
using Analytics.Warehouse;

namespace Analytics.Ingest;

/// <summary>
/// Turns files on disk into load requests: finds each file's entity, mapping and format,
/// converts what DuckDB cannot read itself, and hands it to the warehouse loader.
/// </summary>
public sealed class FileLoader(WarehouseDatabase database, ILoadProgress? progress = null)
{
    /// <summary>Loads files and folders (their data files, not recursively), parents before children.</summary>
    public IEnumerable<LoadReport> LoadAll(IEnumerable<string> paths, LoadOptions options)
    {
        foreach (var file in Expand(paths, options))
        {
            yield return LoadFile(file, options);
        }
    }

    public static IReadOnlyList<string> Expand(IEnumerable<string> paths, LoadOptions options)
    {
        var files = paths.SelectMany<string, string>(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p).Where(FileFormats.IsDataFile).Order(StringComparer.Ordinal)
            : [p]).ToList();
        return files
            .OrderBy(f => DependencyRank(f, options))
            .ThenBy(f => f, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Called with the file's path after it is hashed and before it is read. Tests change the file there, as a copier
    /// still writing it would, to check that such a file is noticed (see <see cref="Inbox.InboxFolder"/>).
    /// </summary>
    public Action<string>? BeforeRead { get; init; }

    public LoadReport LoadFile(string path, LoadOptions options)
    {
        var sha256 = Sha256(path);
        BeforeRead?.Invoke(path);
        string? entityName = options.Entity;
        using var connection = database.Connect();
        var loader = new WarehouseLoader(connection);
        try
        {
            var mapping = MappingFor(path, options);
            entityName ??= mapping?.Entity;
            var entity = entityName is null
                ? EntityNames.FromFileName(path) ?? throw new WarehouseException(
                    $"Cannot tell which entity {Path.GetFileName(path)} holds: name it after one ({string.Join(", ", EntityCatalog.All.Select(e => e.Name))}) or give --entity.")
                : EntityCatalog.Find(entityName) ?? throw new WarehouseException($"There is no entity '{entityName}'.");
            entityName = entity.Name;
            if (new FileInfo(path).Length == 0)
            {
                throw new WarehouseException("The file is empty: not even a header.");
            }

            var format = FileFormats.Detect(path, mapping?.Format)
                ?? throw new WarehouseException($"Cannot tell the format of {Path.GetFileName(path)}: use .csv, .jsonl, .parquet or .arrow, or say it in a mapping.");

            var converted = new List<string>();
            var transform = Transform(mapping);
            var request = new LoadRequest(path, sha256, entity, (stager, batchId) => Stage(stager, batchId, path, format, mapping, converted))
            {
                // A transform reads the file staged: its rows must say which lines they came from.
                ReadInOnePass = transform is null ? InOnePass(path, format, mapping, converted) : null,
                Transform = transform,
                Columns = mapping?.Columns ?? new Dictionary<string, string>(),
                Formats = new ValueFormats
                {
                    NullValues = mapping?.NullValues ?? [""],
                    DateFormat = mapping?.DateFormat,
                    TimestampFormat = mapping?.TimestampFormat,
                    TimeZone = mapping?.TimeZone ?? ValueFormats.DefaultTimeZone,
                    SourceValues = SourceValues(mapping),
                },
                Orphans = options.Orphans,
                OnPhase = progress is null ? null : phase => progress.Phase(Path.GetFileName(path), phase),
            };
            try
            {
                using var watch = progress is null ? null : new ProgressWatch(connection, Path.GetFileName(path), progress);
                return loader.Load(request);
            }
            finally
            {
                converted.ForEach(File.Delete);
            }
        }
        catch (WarehouseException e)
        {
            return loader.Fail(path, sha256, entityName, e.Message);
        }
    }

    private static Dictionary<string, string> SourceValues(Mapping? mapping)
    {
        var values = new Dictionary<string, string>();
        if (mapping?.TimeZone is { } zone)
        {
            values["time_zone"] = zone;
        }

        if (mapping?.HolidayCalendar is { } calendar)
        {
            values["holiday_calendar"] = calendar;
        }

        return values;
    }

    // A file DuckDB reads itself can be tried in one pass, except CSV files without a header or with
    // another layout (whitespace-aligned, an overflowing column), which are always staged.
    private static Func<SourceStager, long, StagedSource>? InOnePass(string path, FileFormat format, Mapping? mapping, List<string> converted) =>
        format switch
        {
            FileFormat.Csv when (mapping?.Header ?? true) && !IsWhitespaceDelimited(mapping) && mapping?.OverflowColumn is null =>
                (stager, batchId) => stager.CsvInOnePass(Utf8(path, mapping, converted), Delimiter(path, mapping), batchId),
            FileFormat.JsonLines => (stager, batchId) => stager.JsonLinesInOnePass(path, batchId),
            FileFormat.Parquet => (stager, batchId) => stager.ParquetInOnePass(path, batchId),
            _ => null,
        };

    private static StagedSource Stage(SourceStager stager, long batchId, string path, FileFormat format, Mapping? mapping, List<string> converted)
    {
        switch (format)
        {
            case FileFormat.Csv:
                var readable = Utf8(path, mapping, converted);
                var header = mapping?.Header ?? true;
                if (IsWhitespaceDelimited(mapping))
                {
                    return stager.Whitespace(readable, header, batchId);
                }

                return stager.Csv(readable, Delimiter(path, mapping), mapping?.OverflowColumn, batchId, header);
            case FileFormat.JsonLines:
                return stager.JsonLines(path, batchId);
            case FileFormat.Parquet:
                return stager.Parquet(path, batchId);
            case FileFormat.ArrowIpc:
                using (var arrow = new ArrowRows(path))
                {
                    return stager.Rows(arrow.Columns, arrow.Rows(), batchId);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown format.");
        }
    }

    private static MappingTransform? Transform(Mapping? mapping)
    {
        if (mapping?.TransformSql() is not { } sql)
        {
            return null;
        }

        if (mapping.Columns is { Count: > 0 } || mapping.DateFormat is not null || mapping.TimestampFormat is not null)
        {
            throw new WarehouseException(
                $"The mapping {mapping.Name} gives a transform and also columns or date formats: the transform names the canonical columns and parses its dates itself (strptime).");
        }

        return new MappingTransform(mapping.Name, sql);
    }

    private static bool IsWhitespaceDelimited(Mapping? mapping) =>
        string.Equals(mapping?.Delimiter, "whitespace", StringComparison.OrdinalIgnoreCase);

    private static char Delimiter(string path, Mapping? mapping) =>
        mapping?.Delimiter is { Length: 1 } d ? d[0]
        : mapping?.Delimiter is "\\t" || path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';

    // The file itself when it is UTF-8; else a UTF-8 copy, made once however often the file is read.
    private static string Utf8(string path, Mapping? mapping, List<string> converted)
    {
        if (TextEncodings.IsUtf8(mapping?.Encoding))
        {
            return path;
        }

        if (converted.Count == 0)
        {
            converted.Add(TextEncodings.ToUtf8TempFile(path, mapping!.Encoding!));
        }

        return converted[0];
    }

    private static Mapping? MappingFor(string path, LoadOptions options)
    {
        if (options.MappingPath is { } explicitPath)
        {
            return Mapping.Read(explicitPath);
        }

        var sidecar = Mapping.SidecarPath(path);
        return File.Exists(sidecar) ? Mapping.Read(sidecar) : null;
    }

    private static int DependencyRank(string path, LoadOptions options)
    {
        var name = options.Entity;
        if (name is null && options.MappingPath is null && File.Exists(Mapping.SidecarPath(path)))
        {
            try
            {
                name = Mapping.Read(Mapping.SidecarPath(path)).Entity;
            }
            catch (WarehouseException)
            {
                // The load itself reports a broken mapping; order does not matter for it.
            }
        }

        var entity = name is null ? EntityNames.FromFileName(path) : EntityCatalog.Find(name);
        return entity is null ? int.MaxValue : EntityCatalog.All.ToList().IndexOf(entity);
    }

    internal static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Polls DuckDB's progress of the running statement while a file loads.</summary>
    private sealed class ProgressWatch : IDisposable
    {
        private readonly Timer _timer;
        private readonly string _file;
        private readonly ILoadProgress _progress;

        public ProgressWatch(DuckDB.NET.Data.DuckDBConnection connection, string file, ILoadProgress progress)
        {
            _file = file;
            _progress = progress;
            var clock = Stopwatch.StartNew();
            _timer = new Timer(_ =>
            {
                var p = connection.GetQueryProgress();
                if (p.Percentage >= 0)
                {
                    progress.Update(file, p.Percentage, p.RowsProcessed, clock.Elapsed);
                }
            }, null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
        }

        public void Dispose()
        {
            // Wait for a running poll to finish: the connection is closed right after this.
            using var stopped = new ManualResetEvent(false);
            if (_timer.Dispose(stopped))
            {
                stopped.WaitOne();
            }

            _progress.Done(_file);
        }
    }
}
