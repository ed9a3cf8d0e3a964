using System.Globalization;
using Analytics.Models.Clv;
using Analytics.Tests.Support;

namespace Analytics.Tests.Clv;

/// <summary>The CDNOW 1/10 sample (2,357 customers, weeks) as the lifetimes package ships its summaries.</summary>
internal static class CdnowSummaries
{
    public static IReadOnlyList<BgNbdCustomer> Customers() =>
        Rows("cdnow_customers_summary.csv")
            .Select(f => new BgNbdCustomer(int.Parse(f[1], CultureInfo.InvariantCulture), Number(f[2]), Number(f[3])))
            .ToList();

    public static IReadOnlyList<GammaGammaCustomer> Spenders() =>
        Rows("cdnow_customers_summary_with_transactions.csv")
            .Select(f => new GammaGammaCustomer(int.Parse(f[1], CultureInfo.InvariantCulture), Number(f[4])))
            .ToList();

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static IEnumerable<string[]> Rows(string file) =>
        File.ReadLines(Path.Combine(TestPaths.Dataset("cdnow_lifetimes"), file))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(','));
}
