using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Models.Runs;

/// <summary>Reads and writes models.model_runs. Only one run per model serves; <see cref="Insert"/> keeps it so.</summary>
public sealed class ModelRunRows(DuckDBConnection connection)
{
    private const string Columns = """
        run_id, model, version, algorithm, trained_at, data_version, train_from, train_to, holdout_cutoff,
        array_to_string(features, ',') as features, metrics::varchar as metrics, baseline_metrics::varchar as baseline_metrics,
        is_serving, serving_reason, to_base64(artifact) as artifact
        """;

    public long NextRunId() => connection.Scalar<long>("select nextval('models.run_seq')");

    /// <summary>Stores a run; when it serves, the run that served before stops, in the same transaction.</summary>
    public void Insert(ModelRunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var transaction = connection.BeginTransaction();
        if (run.IsServing)
        {
            connection.Execute("update models.model_runs set is_serving = false where model = $1 and is_serving", run.Model);
        }

        // Feature names are SQL column names (no commas), so a joined list splits back exactly.
        connection.Execute("""
            insert into models.model_runs (run_id, model, version, algorithm, trained_at, data_version, train_from, train_to,
                holdout_cutoff, features, metrics, baseline_metrics, is_serving, serving_reason, artifact)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, string_split($10, ','), $11::json, $12::json, $13, $14, from_base64($15))
            """,
            run.RunId, run.Model, run.Version, run.Algorithm, run.TrainedAt.UtcDateTime, run.DataVersion,
            Day(run.TrainFrom), Day(run.TrainTo), Day(run.HoldoutCutoff), string.Join(',', run.Features), run.MetricsJson,
            run.BaselineMetricsJson, run.IsServing, run.ServingReason, run.Artifact is null ? null : Convert.ToBase64String(run.Artifact));
        transaction.Commit();
    }

    public ModelRunRecord? Serving(string model) =>
        connection.Rows($"select {Columns} from models.model_runs where model = $1 and is_serving", Map, model).FirstOrDefault();

    public IReadOnlyList<ModelRunRecord> All(string model) =>
        connection.Rows($"select {Columns} from models.model_runs where model = $1 order by run_id", Map, model);

    private static DateTime? Day(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    private static ModelRunRecord Map(System.Data.Common.DbDataReader r) => new(
        r.Get<long>("run_id"), r.Get<string>("model"), r.Get<string>("version"), r.Get<string>("algorithm"),
        r.Get<DateTimeOffset>("trained_at"), r.Get<long>("data_version"),
        r.Get<DateOnly?>("train_from"), r.Get<DateOnly?>("train_to"), r.Get<DateOnly?>("holdout_cutoff"),
        r.Get<string>("features").Split(','), r.Get<string>("metrics"), r.GetOrNull<string>("baseline_metrics"), r.Get<bool>("is_serving"),
        r.GetOrNull<string>("serving_reason"), r.GetOrNull<string>("artifact") is { } artifact ? Convert.FromBase64String(artifact) : null);
}
