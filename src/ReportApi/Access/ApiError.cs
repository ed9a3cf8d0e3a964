namespace Analytics.ReportApi.Access;

/// <summary>The body of every 4xx answer: one sentence saying what is wrong.</summary>
public sealed record ApiError(string Error);
