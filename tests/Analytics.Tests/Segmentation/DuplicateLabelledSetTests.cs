using Analytics.Ingest.Loading;
using Analytics.Tests.Support;
using Analytics.Warehouse;
using Xunit.Abstractions;

namespace Analytics.Tests.Segmentation;

/// <summary>
/// Issue 16, item 1: "a test measures precision and recall ... on a labelled set of your own that the demo did not
/// make: precision at least 0.99, recall at least 0.95". duplicate_pairs.labelled.csv holds pairs written by hand, each
/// with why: the variations the audit found missed (the English-name column, the city in brackets, 北京 / 北京市,
/// full-width letters, traditional characters, tax ids with blanks or lower case) and the near misses that must stay
/// apart (two branches of one bank, one brand in two cities, 电气 / 电器, one name under two tax ids).
/// </summary>
public sealed class DuplicateLabelledSetTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string Labelled = Path.Combine(TestPaths.RepoRoot, "tests", "Analytics.Tests", "Segmentation", "duplicate_pairs.labelled.csv");

    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    [Fact]
    public void The_hand_labelled_pairs_merge_with_precision_at_least_099_and_recall_at_least_095()
    {
        var accounts = _warehouse.Folder.File("accounts.csv");
        using (var connection = _warehouse.Connect())
        {
            connection.Execute($"""
                create table labelled as select * from read_csv({SqlExtensions.Literal(Labelled)}, header = true, all_varchar = true);
                copy (
                    select 'P' || lpad(pair, 2, '0') || 'A' as account_id, a_name as name, a_tax_id as tax_id, a_city as city,
                           a_english_name as english_name, a_phone as contact_phone from labelled
                    union all
                    select 'P' || lpad(pair, 2, '0') || 'B', b_name, b_tax_id, b_city, b_english_name, b_phone from labelled
                ) to {SqlExtensions.Literal(accounts)} (header)
                """);
        }

        Assert.Equal(LoadStatus.Loaded, _warehouse.Load(accounts).Status);
        _warehouse.RefreshMarts();
        using var check = _warehouse.Connect();
        check.Execute($"""
            create temp table true_pairs as
            select 'P' || lpad(pair, 2, '0') || 'A' as account_id, 'P' || lpad(pair, 2, '0') || 'B' as other_account_id
            from read_csv({SqlExtensions.Literal(Labelled)}, header = true, all_varchar = true) where same_company = 'true'
            """);
        var pairs = check.Scalar<long>($"select count(*) from read_csv({SqlExtensions.Literal(Labelled)}, header = true, all_varchar = true)");
        var measure = DuplicateMeasure.Of(check, "true_pairs");
        output.WriteLine($"hand-labelled set, {pairs} pairs: {measure}");
        foreach (var row in check.Rows(
            """
            select l.pair, l.same_company, coalesce(d.status, 'not a candidate'), coalesce(d.rule, ''), coalesce(d.score, 0)::varchar, l.why
            from read_csv('LABELLED', header = true, all_varchar = true) l
            left join marts.account_duplicates d on d.account_id = 'P' || lpad(l.pair, 2, '0') || 'A' and d.other_account_id = 'P' || lpad(l.pair, 2, '0') || 'B'
            order by l.pair::integer
            """.Replace("'LABELLED'", SqlExtensions.Literal(Labelled), StringComparison.Ordinal),
            r => $"{r.GetString(0),3} {r.GetString(1),-5} {r.GetString(2),-15} {r.GetString(4),5} {r.GetString(3),-26} {r.GetString(5)}"))
        {
            output.WriteLine(row);
        }

        Assert.True(pairs >= 40, $"the labelled set has {pairs} pairs");
        Assert.True(measure.Precision >= 0.99, measure.ToString());
        Assert.True(measure.Recall >= 0.95, measure.ToString());
    }
}
