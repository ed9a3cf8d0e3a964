using System.Collections.Concurrent;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Marts;

/// <summary>
/// Rebuilds every mart from the embedded Marts/NNN_name.sql models, in file order (a model may
/// read the ones before it): a full refresh builds them aside and swaps them in in one transaction (<see cref="MartStaging"/>),
/// a refresh after loads rebuilds what they changed in one transaction; either way readers see the old marts or the new,
/// never half. The same transaction records the data version the marts were built from (meta.marts_version), so a load
/// that committed without the rebuild after it is seen (<see cref="Freshness"/>) and not silently served from old marts.
/// </summary>
public sealed class MartBuilder(DuckDBConnection connection)
{
    /// <summary>
    /// One rebuild at a time per warehouse in this process: two at once (the service's inbox job catching up after an
    /// operator's load, and the operator's own refresh) both replace the marts' tables, and the second to commit fails
    /// with a write-write conflict. The second waits and then rebuilds from the data as it is by then.
    /// </summary>
    private static readonly ConcurrentDictionary<string, object> Rebuilds = new(StringComparer.Ordinal);

    // A mart's kind, as information_schema.tables' table_type says it.
    private const string BaseTable = "BASE TABLE";
    internal const string View = "VIEW";

    /// <summary>
    /// Whether people may read while it runs (the service sets it): the refresh then runs at idle priority, so a reader's
    /// thread takes a core from it at once (<see cref="ReaderFirst"/>), or else leaves them a core (<see cref="RefreshSettings"/>).
    /// Otherwise (the command line's refresh, alone on the file; tests; benchmarks) it runs as any other thread, on every core.
    /// </summary>
    public bool ServingReaders { get; init; }

    public IReadOnlyList<MartTiming> Refresh() => Alone(RefreshAlone);

    /// <summary>
    /// One rebuild at a time (<see cref="Rebuilds"/>), and with <see cref="ServingReaders"/> readers first: the work is
    /// told whether it must still leave the readers a core (where idle priority was refused).
    /// </summary>
    private T Alone<T>(Func<RefreshReaders, T> work)
    {
        lock (Rebuilds.GetOrAdd(connection.ConnectionString, _ => new object()))
        {
            return ServingReaders ? ReaderFirst.Run(lowered => work(lowered ? RefreshReaders.First : RefreshReaders.LeftACore)) : work(RefreshReaders.None);
        }
    }

    /// <summary>
    /// Every mart built aside and swapped in at once (<see cref="MartStaging"/>). The data they were built from is the
    /// data at the swap unless a load or a changed input committed meanwhile: then the marts are built again in one
    /// transaction, the slower way that cannot mix two snapshots.
    /// </summary>
    private List<MartTiming> RefreshAlone(RefreshReaders readers)
    {
        using var settings = RefreshSettings.Apply(connection, readers);
        var models = Models();
        var staging = new MartStaging(connection);
        var dataVersion = Freshness().DataVersion;
        var inputs = MartInputs.Fingerprint(connection, models);
        var timings = staging.Build(models, settings);
        using (var swap = connection.BeginTransaction())
        {
            if (Freshness().DataVersion == dataVersion && MartInputs.Fingerprint(connection, models) == inputs)
            {
                staging.Swap(models, Kinds());
                RecordBuilt(inputs);
                swap.Commit();
                return timings;
            }
        }

        staging.Drop();
        using var transaction = connection.BeginTransaction();
        timings = BuildAll(models, settings);
        RecordBuilt(MartInputs.Fingerprint(connection, models));
        transaction.Commit();
        return timings;
    }

    /// <summary>
    /// After loads: rebuilds only what they changed when they changed only orders, order lines and tickets
    /// (<see cref="IncrementalRefresh"/>), else every mart, and says why. The result is the same marts a full
    /// rebuild gives (IncrementalRefreshTests compares them row by row). When the marts are current it changes
    /// nothing, and sets no <see cref="RefreshSettings"/>: it runs at every start-up and after every inbox scan.
    /// </summary>
    public MartRefresh RefreshChanged() => Alone(RefreshChangedAlone);

    private MartRefresh RefreshChangedAlone(RefreshReaders readers)
    {
        RefreshSettings? settings = null;
        try
        {
            // Disposed (rolled back unless committed) before the settings are put back, in the finally below.
            using var transaction = connection.BeginTransaction();
            var models = Models();
            var state = State(models);
            if (state.WhyNotCurrent is null)
            {
                return new MartRefresh(false, "the marts are current", []) { DataVersion = state.Freshness.DataVersion };
            }

            settings = RefreshSettings.Apply(connection, readers);
            var (freshness, inputs, whyFull) = state;
            var timings = whyFull is null ? new IncrementalRefresh(connection).Run(models, freshness.MartsVersion!.Value, freshness.DataVersion) : BuildAll(models, settings);
            RecordBuilt(inputs);
            transaction.Commit();
            return new MartRefresh(whyFull is not null, whyFull ?? $"only orders, order lines or tickets changed since data version {freshness.MartsVersion}", timings)
            {
                DataVersion = freshness.DataVersion,
            };
        }
        finally
        {
            settings?.Dispose();
        }
    }

    /// <summary>
    /// Why the marts are not what this release would build from the data held (a mart missing, its SQL changed by an
    /// upgrade, an input changed, a load not yet rebuilt), or null when they are. Hashes the inputs: for start-up and
    /// error paths, not for every request.
    /// </summary>
    public string? WhyNotCurrent() => State(Models()).WhyNotCurrent;

    /// <summary>Where the marts stand against the data, read in one snapshot; the inputs hashed once.</summary>
    private MartsState State(IReadOnlyList<SqlModel> models)
    {
        var freshness = Freshness();
        var inputs = MartInputs.Fingerprint(connection, models);
        var whyFull = !IsBuilt(models) ? "a mart has no table yet"
            : freshness.MartsVersion is null ? "the marts record no data version"
            : connection.Scalar<string?>("select fingerprint from meta.marts_inputs") != inputs
                ? "an input other than orders, order lines and tickets changed (a setting, account, product, contract, calendar, decision or a mart's SQL)"
            : null;
        return new MartsState(freshness, inputs, whyFull);
    }

    private List<MartTiming> BuildAll(IReadOnlyList<SqlModel> models, RefreshSettings settings)
    {
        var timings = new List<MartTiming>();
        var kinds = Kinds();
        foreach (var (name, sql, header) in models)
        {
            var clock = MartClock.Start();
            try
            {
                Create(name, sql, header.IsView, kinds.GetValueOrDefault(name));
            }
            catch (DuckDBException e)
            {
                throw settings.Explain(e, name);
            }

            timings.Add(Built(connection, clock, name, header.IsView, $"marts.{name}"));
        }

        return timings;
    }

    /// <summary>A mart's build timing: a view writes no rows, and counting them would compute it, for a figure nobody waits for.</summary>
    internal static MartTiming Built(DuckDBConnection connection, MartClock clock, string name, bool isView, string table) =>
        isView ? clock.Timing(name, 0, MartRebuild.View) : clock.Timing(name, connection.Scalar<long>($"select count(*) from {table}"));

    /// <summary>
    /// One mart built as the refresh builds it (a table, or a view when its header says so), inside the caller's
    /// transaction: for a harness that stops at a model (a plan, an EXPLAIN ANALYZE) after building the ones before it.
    /// </summary>
    public void Build(SqlModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Create(model.Name, model.Sql, model.Header.IsView, Kinds().GetValueOrDefault(model.Name));
    }

    /// <summary>
    /// Creates the mart as its header says, a table or a view; what an older release left under the name in the other
    /// kind (<paramref name="existing"/>: a table now a view, or the other way round) is dropped first, since DuckDB
    /// replaces an object only with one of its own kind.
    /// </summary>
    private void Create(string name, string sql, bool asView, string? existing)
    {
        if (existing == (asView ? BaseTable : View))
        {
            connection.Execute($"drop {(asView ? "table" : "view")} marts.{name}");
        }

        connection.Execute($"create or replace {(asView ? "view" : "table")} marts.{name} as\n{sql}");
    }

    /// <summary>Each object of the marts schema and its kind (information_schema's table_type: BASE TABLE or VIEW).</summary>
    private Dictionary<string, string> Kinds() =>
        connection.Rows("select table_name, table_type from information_schema.tables where table_schema = 'marts' and table_catalog = current_database()",
            r => (r.GetString(0), r.GetString(1))).ToDictionary(k => k.Item1, k => k.Item2, StringComparer.Ordinal);

    /// <summary>
    /// Records what the marts were built from: read inside the transaction, the version of the very snapshot the
    /// models were built from, and the fingerprint of the inputs loads do not record; the load changes they cover go.
    /// </summary>
    private void RecordBuilt(string inputs)
    {
        connection.Execute("update meta.marts_version set version = (select version from meta.data_version)");
        connection.Execute("update meta.marts_inputs set fingerprint = $1", inputs);
        connection.Execute("delete from meta.load_changes where data_version <= (select version from meta.data_version)");
    }

    /// <summary>
    /// Whether every model has its table, or its view when its header says so: not on a new warehouse, nor after an
    /// upgrade that added a model or made a table of one a view (or a view a table).
    /// </summary>
    public bool IsBuilt() => IsBuilt(Models());

    private bool IsBuilt(IReadOnlyList<SqlModel> models)
    {
        var kinds = Kinds();
        return models.All(m => kinds.GetValueOrDefault(m.Name) == (m.Header.IsView ? View : BaseTable));
    }

    /// <summary>The data version now and the one the marts were built from, read in one snapshot.</summary>
    public MartsFreshness Freshness() =>
        connection.Rows(
            "select (select version from meta.data_version) as data_version, (select version from meta.marts_version) as marts_version",
            r => new MartsFreshness(r.Get<long>("data_version"), r.Get<long?>("marts_version"))).Single();

    /// <summary>The models in build order, each with what its header declares (<see cref="SqlModelHeader"/>).</summary>
    public static IReadOnlyList<SqlModel> Models() => SqlModel.Embedded("Marts");
}

/// <summary>One mart's rebuild: its rows (those written, when only some ids' rows were), and how it was rebuilt.</summary>
public sealed record MartTiming(string Mart, long Rows, TimeSpan Elapsed)
{
    public MartRebuild Rebuild { get; init; } = MartRebuild.Whole;

    /// <summary>With <see cref="MartRebuild.Rows"/>: how many ids (accounts, orders, ...) or months had their rows rebuilt; with <see cref="MartRebuild.Months"/>, how many months.</summary>
    public long Ids { get; init; }

    /// <summary>
    /// The processor time the whole process spent while the model was built (DuckDB's threads included): on a shared
    /// machine the wall clock also measures the neighbours, this does not (but it counts a reader served meanwhile).
    /// </summary>
    public TimeSpan Cpu { get; init; }
}

/// <summary>How a refresh makes way for readers (<see cref="MartBuilder.ServingReaders"/>, <see cref="RefreshSettings"/>).</summary>
public enum RefreshReaders
{
    /// <summary>None served: every core, every thread at the normal policy.</summary>
    None,

    /// <summary>At idle priority (<see cref="ReaderFirst"/>), DuckDB's workers taking turns between its tasks and the readers'.</summary>
    First,

    /// <summary>Idle priority refused: one thread fewer (<see cref="RefreshSettings"/>).</summary>
    LeftACore,
}

public enum MartRebuild
{
    Whole,
    Rows,
    Unchanged,

    /// <summary>A view (<c>-- materialized: view</c>) created again: no rows written, they are computed where read.</summary>
    View,

    /// <summary>
    /// As_of moved later (<c>-- as_of moves: months onwards</c>): every id's rows of the months from the earlier as_of's
    /// month on (<see cref="MartTiming.Ids"/> of them), the touched ids' as the refresh by line says, and the months the
    /// model no longer yields deleted.
    /// </summary>
    Months,
}

/// <summary>What a refresh after loads did: every mart rebuilt (<paramref name="Full"/>, and why), or only what changed.</summary>
public sealed record MartRefresh(bool Full, string Reason, IReadOnlyList<MartTiming> Timings)
{
    /// <summary>The data version the marts are built from now.</summary>
    public long DataVersion { get; init; }
}
