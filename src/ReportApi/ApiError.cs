namespace Analytics.ReportApi;

/// <summary>The body of every error answer outside OData (which has its own): one sentence saying what is wrong.</summary>
public sealed record ApiError(string Error);
