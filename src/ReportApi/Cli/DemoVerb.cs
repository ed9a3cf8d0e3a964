namespace Analytics.ReportApi.Cli;

internal static class DemoVerb
{
    public static Verb Definition { get; } = new(
        "demo",
        "demo --out DIR [--accounts N] [--years N] [--seed N]",
        "Writes the demo company as canonical files into DIR.",
        new HashSet<string> { "out", "accounts", "years", "seed" },
        new HashSet<string>(),
        (_, _, _) => throw new UsageException("demo is not built yet."));
}
