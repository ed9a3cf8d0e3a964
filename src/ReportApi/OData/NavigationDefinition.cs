namespace Analytics.ReportApi.OData;

/// <summary>A navigation property: rows of <paramref name="Target"/> whose <paramref name="TargetColumn"/> equals the source row's <paramref name="SourceColumn"/>.</summary>
internal sealed record NavigationDefinition(string Source, string Name, string Target, string SourceColumn, string TargetColumn, bool IsCollection);
