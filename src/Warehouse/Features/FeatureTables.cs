using System.Globalization;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Features;

/// <summary>
/// Builds the models' feature, outcome and purchase-history tables for a set of cutoff days from the embedded
/// Features/NNN_name.sql models, as temp tables of the given connection (they belong to one training or scoring
/// pass and vanish with it). Every feature is computed in DuckDB as known at the end of its cutoff day.
/// </summary>
public sealed class FeatureTables(DuckDBConnection connection)
{
    public void Build(IReadOnlyCollection<DateOnly> cutoffs)
    {
        ArgumentNullException.ThrowIfNull(cutoffs);
        connection.Execute("create or replace temp table feature_cutoffs (cutoff date primary key)");
        // Dates formatted by us, not user text: a literal list is safe and needs no appender on a temp table.
        if (cutoffs.Count == 0)
        {
            throw new ArgumentException("Features need at least one cutoff day.", nameof(cutoffs));
        }

        var days = cutoffs.Distinct().Select(c => string.Create(CultureInfo.InvariantCulture, $"(date '{c:yyyy-MM-dd}')"));
        connection.Execute($"insert into feature_cutoffs values {string.Join(", ", days)}");

        foreach (var (name, sql, _) in Models())
        {
            connection.Execute($"create or replace temp table {name} as\n{sql}");
        }
    }

    /// <summary>The feature columns of account_features, in table order (the models' vector slots).</summary>
    public IReadOnlyList<string> Names() =>
        connection.Rows("select name from pragma_table_info('account_features') order by cid", r => r.GetString(0))
            .Where(n => n is not ("master_account_id" or "cutoff"))
            .ToList();

    /// <summary>Every row of the built tables, ordered by cutoff then account.</summary>
    public IReadOnlyList<FeatureRow> Read()
    {
        var names = Names();
        // A feature may share its name with a history column (recency_days): each is read as "feature:NAME".
        var columns = string.Join(", ", names.Select(n => $"f.{SqlExtensions.Identifier(n)} as {SqlExtensions.Identifier(Feature(n))}"));
        return connection.Rows($"""
            select f.master_account_id, f.cutoff, o.is_active, o.churned, o.next_value, o.last_value,
                h.frequency, h.recency_days, h.age_days, h.mean_repeat_spend, array_to_string(x.missing, ',') as missing, {columns}
            from account_features f
            join account_outcomes o using (master_account_id, cutoff)
            join purchase_histories h using (master_account_id, cutoff)
            join missing_features x using (master_account_id, cutoff)
            order by f.cutoff, f.master_account_id
            """,
            r =>
            {
                var values = new double[names.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = r.Get<double>(Feature(names[i]));
                }

                return new FeatureRow(
                    r.Get<string>("master_account_id"), r.Get<DateOnly>("cutoff"), values, r.Get<bool>("is_active"),
                    r.Get<bool?>("churned"), r.Get<decimal?>("next_value"), r.Get<decimal>("last_value"),
                    r.Get<int>("frequency"), r.Get<double>("recency_days"), r.Get<double>("age_days"), r.Get<double?>("mean_repeat_spend"))
                {
                    MissingFeatures = r.Get<string>("missing").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
                };
            });
    }

    private static string Feature(string name) => "feature:" + name;

    /// <summary>The models in build order (a model may read the ones before it).</summary>
    public static IReadOnlyList<SqlModel> Models() => SqlModel.Embedded("Features");
}
