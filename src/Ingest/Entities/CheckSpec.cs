using Analytics.Warehouse;
namespace Analytics.Ingest.Entities;

/// <summary>A rule over the typed row (columns as <c>t.name</c>): a row for which <paramref name="RejectWhen"/> is true is rejected with <paramref name="Reason"/>.</summary>
public sealed record CheckSpec(string RejectWhen, string Reason)
{
    /// <summary>A SQL text expression over the row giving the reason, when it must name the row's value; null: <see cref="Reason"/>.</summary>
    public string? ReasonSql { get; init; }
}
