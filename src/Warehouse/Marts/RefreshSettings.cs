using DuckDB.NET.Data;

namespace Analytics.Warehouse.Marts;

/// <summary>
/// The DuckDB settings a refresh runs under, set for its length and put back after it.
/// Bounds first. DuckDB's own cap on temporary files is 90% of the
/// disk space free when it starts, and the disk is often shared: a model whose plan goes wrong (a join that pairs
/// every row with every other) wrote over 40 GB and failed with "No space left on device", the disk full for every
/// other user too. The refresh's cap is 4 times the warehouse file, at least 8 GiB, at most half the free space:
/// a sound rebuild spills far less (the marts hold less than the core tables), so a runaway stops early, with an
/// error naming its model.
/// With readers (the service) where the refresh cannot run at idle priority (<see cref="ReaderFirst"/>: not Linux, or the
/// kernel refused), the refresh also leaves them a core: DuckDB's threads are one pool per database instance, and a
/// refresh using all of them queues the readers' tasks behind its own. Set to cores - 1 for the refresh, the readers'
/// queries still run on their own request threads, so a reader waits for no refresh task (but has one thread fewer).
/// Readers first (<see cref="ReaderFirst"/>), DuckDB's worker threads take turns between the refresh's tasks and the
/// readers' (scheduler_process_partial): otherwise a worker that took a refresh task ran it to its end, seconds at
/// 146,000 accounts, while a reader's query that used both cores when idle waited for it on its own thread alone.
/// Then how the marts' text is written: FSST and dictionary compression are off while the refresh writes (<see cref="DisabledCompression"/>).
/// The settings belong to the database instance, so readers served meanwhile share them (a refresh at a time).
/// </summary>
public sealed class RefreshSettings : IDisposable
{
    private const long MinimumTempBytes = 8L << 30;

    private readonly DuckDBConnection _connection;
    private readonly string _tempBefore;
    private readonly long _threadsBefore;
    private readonly string _compressionBefore;
    private readonly bool _partialBefore;

    private RefreshSettings(DuckDBConnection connection, long tempBytes, RefreshReaders readers)
    {
        _connection = connection;
        // The settings as they were, to put back: read in one query, as every refresh (a daily file's too) starts here.
        (_tempBefore, _threadsBefore, _compressionBefore, _partialBefore) = connection.Rows(
            "select current_setting('max_temp_directory_size'), current_setting('threads'), current_setting('disabled_compression_methods'), current_setting('scheduler_process_partial')",
            r => (r.GetString(0), Convert.ToInt64(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), r.GetString(2), r.GetBoolean(3))).Single();
        TempBytes = tempBytes;
        connection.Execute($"set max_temp_directory_size = '{tempBytes}B'");
        connection.Execute($"set disabled_compression_methods = '{DisabledCompression}'");
        if (readers == RefreshReaders.LeftACore && _threadsBefore > 1)
        {
            connection.Execute($"set threads = {_threadsBefore - 1}");
        }

        if (readers == RefreshReaders.First)
        {
            connection.Execute("set scheduler_process_partial = true");
        }
    }

    /// <summary>
    /// The compression methods DuckDB may not choose for what the refresh writes: the marts' text goes uncompressed.
    /// FSST trains a symbol table on each segment and dictionary compression hashes every value: writing copies of the five
    /// largest marts at 50,000 accounts cost 13.2-14.4 CPU s with both, 10.4-11.4 without FSST, 7.4-8.0 without either,
    /// for a file whose used blocks grew from 484 MB (both) to 579 (no FSST) and 945 (neither). Set for the refresh
    /// alone: loads write the core tables as before.
    /// </summary>
    public const string DisabledCompression = "fsst,dictionary";

    /// <summary>The cap on the refresh's temporary files, in bytes.</summary>
    public long TempBytes { get; }

    /// <summary>
    /// The cap on temp files, no FSST nor dictionary compression, and as <paramref name="readers"/> says one thread fewer
    /// (<see cref="RefreshReaders.LeftACore"/>) or workers that take turns (<see cref="RefreshReaders.First"/>), until disposed.
    /// </summary>
    public static RefreshSettings Apply(DuckDBConnection connection, RefreshReaders readers = RefreshReaders.None) =>
        new(connection, TempCap(connection), readers);

    /// <summary>4 times the warehouse file, at least 8 GiB, at most half the space free where DuckDB writes its temp files.</summary>
    public static long TempCap(long warehouseBytes, long freeBytes) =>
        Math.Min(Math.Max(4 * warehouseBytes, MinimumTempBytes), freeBytes / 2);

    private static long TempCap(DuckDBConnection connection)
    {
        var file = connection.Scalar<string?>("select path from duckdb_databases() where database_name = current_database()");
        var temp = connection.Scalar<string?>("select current_setting('temp_directory')");
        if (string.IsNullOrEmpty(file) || string.IsNullOrEmpty(temp))
        {
            // In memory: nothing to measure, and nothing on disk to fill but the temp files themselves.
            return MinimumTempBytes;
        }

        var folder = Path.GetFullPath(temp);
        while (!Directory.Exists(folder))
        {
            folder = Path.GetDirectoryName(folder)!;
        }

        return TempCap(new FileInfo(file).Length, new DriveInfo(folder).AvailableFreeSpace);
    }

    /// <summary>
    /// A model that hit the cap (DuckDB says "Out of Memory Error" for both memory and temp space) as one sentence that
    /// names it; any other failure as it was.
    /// </summary>
    public Exception Explain(DuckDBException e, string model) =>
        e.Message.Contains("Out of Memory Error", StringComparison.Ordinal)
            ? new WarehouseException(
                $"The refresh stopped at the mart {model}: it needed more than the memory and the {TempBytes / (double)(1L << 30):0.#} GiB of "
                + "temporary files a refresh may use (4 times the warehouse file, at most half the free disk space), so its query "
                + "has most likely gone wrong rather than grown; no mart was changed. DuckDB said: " + e.Message.Split('\n')[0], e)
            : e;

    public void Dispose() => _connection.Execute(
        $"set max_temp_directory_size = '{_tempBefore}'; set threads = {_threadsBefore}; set disabled_compression_methods = {SqlExtensions.Literal(_compressionBefore)}; "
        + $"set scheduler_process_partial = {_partialBefore}");
}
