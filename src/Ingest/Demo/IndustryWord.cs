namespace Analytics.Ingest.Demo;

/// <summary>The business word in a company name (科技, 物流...), its English and the industry it puts the account in.</summary>
internal sealed record IndustryWord(string Chinese, string English, string Industry);
