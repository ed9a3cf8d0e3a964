using Analytics.Warehouse;
namespace Analytics.Ingest.Entities;

/// <summary>A rule over the typed row (columns as <c>t.name</c>): a row for which <paramref name="RejectWhen"/> is true is rejected with <paramref name="Reason"/>.</summary>
public sealed record CheckSpec(string RejectWhen, string Reason);
