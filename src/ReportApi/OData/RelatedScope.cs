using Analytics.ReportApi.Access;

namespace Analytics.ReportApi.OData;

/// <summary>
/// What reaching related rows from an expression needs (any/all over a collection navigation become an EXISTS, a
/// path through single-valued navigations like Account/Region a scalar subquery): the model, the entity set whose
/// rows the expression reads, the request's access scope (the related rows are read through it too) and the alias
/// the outer query gives those rows.
/// </summary>
/// <param name="Lambdas">whether any and all may be used here (in $filter and $orderby of a set, not inside one or in $apply).</param>
internal sealed record RelatedScope(WarehouseModel Model, ODataSet Set, AccessScope Scope, string OuterAlias, bool Lambdas = true);
