namespace Analytics.ReportApi.Cli;

/// <summary>The command line or its input is wrong: exit code 2, the message says what to do.</summary>
internal sealed class UsageException(string message) : Exception(message);
