using Analytics.ReportApi.Access;

namespace Analytics.ReportApi.OData;

/// <summary>
/// What any and all over a navigation need to become an EXISTS: the model, the entity set the filter is on, the
/// request's access scope (the related rows are read through it too) and the alias the outer query gives its rows.
/// </summary>
internal sealed record LambdaScope(WarehouseModel Model, ODataSet Set, AccessScope Scope, string OuterAlias);
