using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace Analytics.Warehouse;

/// <summary>
/// The warehouse file. One instance per process: every connection is a duplicate of the
/// first, so they share one DuckDB database (readers see a consistent snapshot while a load commits).
/// </summary>
public sealed partial class WarehouseDatabase : IDisposable
{
    public const string DefaultPath = "data/warehouse.duckdb";

    // Keeps the database instance open; DuckDB.NET shares one instance among connections to the same file.
    private readonly DuckDBConnection _root;

    public string FilePath { get; }

    public bool ReadOnly { get; }

    private WarehouseDatabase(string filePath, DuckDBConnection root, bool readOnly)
    {
        FilePath = filePath;
        _root = root;
        ReadOnly = readOnly;
    }

    /// <summary>
    /// Opens (creating if needed) the file and brings its schema up to date, DuckDB held to <paramref name="memoryLimit"/>
    /// (null: DuckDB's default, 80% of the machine's memory) from before the first statement.
    /// </summary>
    public static WarehouseDatabase Open(string filePath, bool readOnly = false, MemoryLimit? memoryLimit = null)
    {
        var fullPath = Path.GetFullPath(filePath);
        if (readOnly && !File.Exists(fullPath))
        {
            throw new WarehouseException($"There is no warehouse at {filePath}; load data first.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var connectionString = readOnly ? $"Data Source={fullPath};ACCESS_MODE=READ_ONLY" : $"Data Source={fullPath}";
        var root = new DuckDBConnection(connectionString);
        try
        {
            root.Open();
        }
        catch (DuckDBException e) when (e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            root.Dispose();
            var pid = LockHolderPid().Match(e.Message);
            var holder = pid.Success ? $" (process {pid.Groups[1].Value})" : "";
            throw new WarehouseBusyException(
                $"The warehouse {filePath} is held by another process{holder}, probably 'analytics serve': drop files into its inbox folder or stop it first.");
        }

        var database = new WarehouseDatabase(fullPath, root, readOnly);
        try
        {
            if (memoryLimit is not null)
            {
                // In bytes: DuckDB reads its setting back rounded ("476.8 MiB"), and the memory kept is sized from it.
                root.Execute($"set memory_limit = '{memoryLimit.Bytes}B'");
            }

            KeepFreedMemory(root, memoryLimit);
            if (!readOnly)
            {
                using var connection = database.Connect();
                Migrator.Apply(connection);
                HolidayCalendars.Refresh(connection);
                Marts.NameReference.Refresh(connection);
                Marts.MartSettings.ApplyDefaults(connection);
            }
        }
        catch (DuckDBException e) when (memoryLimit is not null && e.Message.Contains("Out of Memory Error", StringComparison.Ordinal))
        {
            database.Dispose();
            throw new WarehouseException($"The warehouse {filePath} cannot even open within {memoryLimit}: give DuckDB more. DuckDB said: {e.Message.Split('\n')[0]}", e);
        }
        catch
        {
            database.Dispose();
            throw;
        }

        return database;
    }

    /// <summary>
    /// Lets DuckDB keep an eighth of its memory limit (a tenth of the machine's memory under DuckDB's default limit, 80% of
    /// it, and never more than that tenth) of the memory its operators free, to use again, instead of giving it back to the
    /// system at once. A refresh frees and takes gigabytes for its hash tables and the blocks it writes, and memory taken
    /// fresh from the system is faulted in page by page and zeroed: about a fifth of the full refresh's CPU at 50,000
    /// accounts (7.2-8.0 kernel CPU s, 631,000-719,000 page faults). Kept (2.4 GB on a 24 GB machine), the full refresh
    /// took 31.3-34.4 CPU s against 34.8-41.7 at 50,000 accounts and 88.7-92.6 against 101.5-112.6 at 146,000, in
    /// alternating runs; 1 GB kept gained nothing. The memory kept stays with the process (DuckDB cannot lower the setting,
    /// and takes one above the limit without complaint), so it is sized from the limit, set just before: a service given
    /// 2GB keeps at most 250 MB, not 2.4 GB. The peak resident memory was the same (1.6-1.7 GB at 50,000 accounts, 4.4-4.5
    /// at 146,000).
    /// </summary>
    private static void KeepFreedMemory(DuckDBConnection root, MemoryLimit? limit)
    {
        var machineTenth = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 10;
        var kept = limit is null ? machineTenth : Math.Min(limit.Bytes / 8, machineTenth);
        root.Execute($"set block_allocator_memory = '{kept}B'");
    }

    /// <summary>A new connection to the same database, with timestamps shown in UTC.</summary>
    public DuckDBConnection Connect()
    {
        var connection = new DuckDBConnection(_root.ConnectionString);
        connection.Open();

        // Progress is tracked (not printed) so a long load can report how far it has got.
        connection.Execute("set TimeZone = 'UTC'; set enable_progress_bar = true; set enable_progress_bar_print = false");
        return connection;
    }

    /// <summary>
    /// A connection for SQL a person wrote: from here on this database instance reads and writes no file, URL or
    /// extension outside the warehouse, and DuckDB cannot turn that back on. So open the database read-only for
    /// such a query, and for nothing else.
    /// </summary>
    public DuckDBConnection ConnectWithoutExternalAccess()
    {
        var connection = Connect();
        try
        {
            connection.Execute("set enable_external_access = false");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public long DataVersion()
    {
        using var connection = Connect();
        return connection.Scalar<long>("select version from meta.data_version");
    }

    /// <summary>How many files have loaded into the warehouse (duplicates and failures not counted).</summary>
    public long LoadedFiles()
    {
        using var connection = Connect();
        return connection.Scalar<long>("select count(*) from meta.load_batches where status = 'loaded'");
    }

    /// <summary>When the last file finished loading (UTC), or null before the first.</summary>
    public DateTime? LastLoadAt()
    {
        using var connection = Connect();
        return connection.Scalar<DateTime?>("select max(finished_at) from meta.load_batches where status = 'loaded'") is { } at
            ? DateTime.SpecifyKind(at, DateTimeKind.Utc)
            : null;
    }

    public void Dispose() => _root.Dispose();

    [GeneratedRegex(@"PID (\d+)")]
    private static partial Regex LockHolderPid();
}
