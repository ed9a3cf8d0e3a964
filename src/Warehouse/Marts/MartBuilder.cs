using System.Collections.Concurrent;
using System.Diagnostics;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Marts;

/// <summary>
/// Rebuilds every mart from the embedded Marts/NNN_name.sql models, in file order (a model may
/// read the ones before it), in one transaction: readers see the old marts or the new, never half. The same
/// transaction records the data version the marts were built from (meta.marts_version), so a load that committed
/// without the rebuild after it is seen (<see cref="Freshness"/>) and not silently served from old marts.
/// </summary>
public sealed class MartBuilder(DuckDBConnection connection)
{
    /// <summary>
    /// One rebuild at a time per warehouse in this process: two at once (the service's inbox job catching up after an
    /// operator's load, and the operator's own refresh) both replace the marts' tables, and the second to commit fails
    /// with a write-write conflict. The second waits and then rebuilds from the data as it is by then.
    /// </summary>
    private static readonly ConcurrentDictionary<string, object> Rebuilds = new(StringComparer.Ordinal);

    public IReadOnlyList<MartTiming> Refresh()
    {
        lock (Rebuilds.GetOrAdd(connection.ConnectionString, _ => new object()))
        {
            return RefreshAlone();
        }
    }

    private List<MartTiming> RefreshAlone()
    {
        var timings = new List<MartTiming>();
        using var transaction = connection.BeginTransaction();
        foreach (var (name, sql, _) in Models())
        {
            var clock = Stopwatch.StartNew();
            var cpu = ProcessorTime();
            connection.Execute($"create or replace table marts.{name} as\n{sql}");
            timings.Add(new MartTiming(name, connection.Scalar<long>($"select count(*) from marts.{name}"), clock.Elapsed) { Cpu = ProcessorTime() - cpu });
        }

        // Read inside the transaction: the version of the very snapshot the models above were built from.
        connection.Execute("update meta.marts_version set version = (select version from meta.data_version)");
        transaction.Commit();
        return timings;
    }

    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Whether every model has its table: not on a new warehouse, nor after an upgrade that added a model.</summary>
    public bool IsBuilt()
    {
        var tables = connection.Rows("select table_name from information_schema.tables where table_schema = 'marts'", r => r.GetString(0));
        return Models().All(m => tables.Contains(m.Name));
    }

    /// <summary>The data version now and the one the marts were built from, read in one snapshot.</summary>
    public MartsFreshness Freshness() =>
        connection.Rows(
            "select (select version from meta.data_version) as data_version, (select version from meta.marts_version) as marts_version",
            r => new MartsFreshness(r.Get<long>("data_version"), r.Get<long?>("marts_version"))).Single();

    /// <summary>The models in build order, each with what its header declares (<see cref="SqlModelHeader"/>).</summary>
    public static IReadOnlyList<SqlModel> Models() => SqlModel.Embedded("Marts");
}

public sealed record MartTiming(string Mart, long Rows, TimeSpan Elapsed)
{
    /// <summary>
    /// The processor time the whole process spent while the model was built (DuckDB's threads included): on a shared
    /// machine the wall clock also measures the neighbours, this does not (but it counts a reader served meanwhile).
    /// </summary>
    public TimeSpan Cpu { get; init; }
}
