using System.Text.Json;
using Analytics.ReportApi.Access;
using Analytics.ReportApi.Charts;
using Analytics.ReportApi.OData;

namespace Analytics.Tests.Security;

/// <summary>
/// Row-level security as properties over everything the service offers, found at runtime: every OData entity set
/// (from the service document), every chart (the chart catalog), the dashboard and campaign previews. A key limited
/// to the East must read exactly the same in two books that differ only outside the East (nothing it sees depends on
/// another region's data), only rows of the East's companies, and the same figures as an admin who filters to the
/// East. A new set or chart is covered without a new test.
/// </summary>
public sealed class RegionScopeTests(RegionBooks books) : IClassFixture<RegionBooks>
{
    private static List<string> Canonical(IEnumerable<JsonElement> rows) => [.. rows.Select(r => r.GetRawText()).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Every_entity_set_reads_the_same_for_an_east_key_whatever_other_regions_hold()
    {
        Assert.Equal(EntitySetCatalog.Sets.Select(s => s.Name).Order(), (await books.First.EntitySets()).Order());
        foreach (var set in await books.First.EntitySetsFor(Roles.Manager))
        {
            var first = Canonical(await RegionBook.Rows(books.First.EastManager(), $"/odata/{set}"));
            var second = Canonical(await RegionBook.Rows(books.Second.EastManager(), $"/odata/{set}"));
            Assert.True(first.SequenceEqual(second), $"{set} differs with the other regions' data:\n{string.Join("\n", first)}\n---\n{string.Join("\n", second)}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_account_keyed_set_holds_exactly_the_east_companies_rows_an_admin_finds_for_the_east(bool second)
    {
        var book = second ? books.Second : books.First;
        var east = book.AccountsOf(RegionBooks.East);
        var accountProperties = await book.AccountProperties();
        var separated = new List<string>();
        foreach (var set in await book.EntitySetsFor(Roles.Manager))
        {
            var scoped = await RegionBook.Rows(book.EastManager(), $"/odata/{set}");
            var count = long.Parse(await RegionBook.Text(book.EastManager(), $"/odata/{set}/$count"), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(scoped.Count == count, $"{set}: {scoped.Count} rows, $count {count}");
            var admin = await RegionBook.Rows(book.Admin(), $"/odata/{set}");
            if (accountProperties[set] is not { } property)
            {
                continue;
            }

            var mine = scoped.Select(r => r.GetProperty(property).GetString()!).Order(StringComparer.Ordinal).ToList();
            var expected = admin.Select(r => r.GetProperty(property).GetString()!).Where(east.Contains).Order(StringComparer.Ordinal).ToList();
            if (expected.Count > 0 && expected.Count < admin.Count)
            {
                separated.Add(set);
            }

            Assert.True(expected.SequenceEqual(mine), $"{set}.{property}: [{string.Join(",", mine)}], admin for the East [{string.Join(",", expected)}]");
        }

        // The book gives these sets rows of both regions, so the comparisons above told the regions apart.
        Assert.Superset(new HashSet<string> { "Accounts", "Orders", "Tickets", "AccountSegments", "AccountTiers", "AccountRfm", "ParetoCurve" }, separated.ToHashSet());
    }

    [Fact]
    public async Task Every_export_of_an_east_key_is_the_same_whatever_other_regions_hold()
    {
        foreach (var set in await books.First.EntitySetsFor(Roles.Manager))
        {
            var csv = new List<string>[2];
            var xlsx = new List<string>[2];
            var arrow = new long[2];
            foreach (var (book, i) in new[] { (books.First, 0), (books.Second, 1) })
            {
                using var client = book.EastManager();
                var text = await RegionBook.Text(client, $"/exports/{set}.csv");
                csv[i] = [.. text.Split("\r\n").Skip(1).Order(StringComparer.Ordinal)];
                using (var sheet = new MemoryStream(await Bytes(client, $"/exports/{set}.xlsx")))
                {
                    xlsx[i] = [.. MiniExcelLibs.MiniExcel.Query(sheet, useHeaderRow: true).Cast<IDictionary<string, object?>>()
                        .Select(r => string.Join("|", r.Select(c => $"{c.Key}={Convert.ToString(c.Value, System.Globalization.CultureInfo.InvariantCulture)}")))
                        .Order(StringComparer.Ordinal)];
                }

                using var reader = new Apache.Arrow.Ipc.ArrowStreamReader(new MemoryStream(await Bytes(client, $"/arrow/{set}")));
                while (await reader.ReadNextRecordBatchAsync() is { } batch)
                {
                    arrow[i] += batch.Length;
                    batch.Dispose();
                }
            }

            Assert.True(csv[0].SequenceEqual(csv[1]), $"{set}.csv:\n{string.Join("\n", csv[0])}\n---\n{string.Join("\n", csv[1])}");
            Assert.True(xlsx[0].SequenceEqual(xlsx[1]), $"{set}.xlsx:\n{string.Join("\n", xlsx[0])}\n---\n{string.Join("\n", xlsx[1])}");
            Assert.True(arrow[0] == arrow[1], $"/arrow/{set}: {arrow[0]} rows, {arrow[1]} rows");
        }
    }

    private static async Task<byte[]> Bytes(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static TheoryData<string> AllRoles() => [.. Roles.All];

    /// <summary>
    /// Every role limited to the East, on every set by every route: a set its role may not read (the policy), or one of
    /// rows of no region (the load ledger, which only a key for every region reads), is refused with 403 in both books;
    /// every other set answers 200. What differs between the books (the North's data, the second book's waiting and
    /// rejected rows) never reaches a refusal.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Every_set_an_east_key_may_not_read_is_refused_on_every_route_in_both_books(string role)
    {
        var refused = 0;
        foreach (var set in await books.First.EntitySets())
        {
            var everyRegionOnly = EntitySetCatalog.Sets.Single(s => s.Name == set).EveryRegionOnly;
            foreach (var path in new[] { $"/odata/{set}", $"/odata/{set}/$count", $"/arrow/{set}", $"/exports/{set}.csv" })
            {
                var allowed = AccessPolicy.Allows(path, "GET", role) && AccessPolicy.Allows($"/odata/{set}", "GET", role) && !everyRegionOnly;
                var answers = new List<string>();
                foreach (var book in new[] { books.First, books.Second })
                {
                    using var client = book.Client(role, RegionBooks.East);
                    using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                    var body = allowed ? "" : await response.Content.ReadAsStringAsync();
                    Assert.True(response.StatusCode == (allowed ? System.Net.HttpStatusCode.OK : System.Net.HttpStatusCode.Forbidden), $"{role} for the East, {path}: {(int)response.StatusCode} {body}");
                    answers.Add(body);
                }

                Assert.Equal(answers[0], answers[1]);
                refused += allowed ? 0 : 1;
            }
        }

        // The load ledger's three sets at least, by each of the four routes.
        Assert.True(refused >= 12, $"{role}: only {refused} refusals");
    }

    [Fact]
    public async Task No_value_an_east_key_reads_exceeds_the_east_s_own_revenue()
    {
        foreach (var set in await books.First.EntitySetsFor(Roles.Manager))
        {
            foreach (var row in await RegionBook.Rows(books.First.EastManager(), $"/odata/{set}"))
            {
                foreach (var value in row.EnumerateObject().Where(p => p.Name.Contains("Value", StringComparison.Ordinal) && p.Value.ValueKind == JsonValueKind.Number))
                {
                    Assert.True(value.Value.GetDecimal() <= RegionBooks.EastTotal, $"{set}.{value.Name} = {value.Value} in {row}");
                }
            }
        }
    }

    [Fact]
    public async Task Every_chart_of_an_east_key_is_the_admin_s_chart_of_the_east_and_ignores_other_regions()
    {
        Assert.NotEmpty(ChartCatalog.All);
        foreach (var chart in ChartCatalog.All)
        {
            var path = $"/charts/{chart.Name}.json?lang=en";
            foreach (var book in new[] { books.First, books.Second })
            {
                var scoped = await RegionBook.Text(book.EastManager(), path);
                var admin = await RegionBook.Text(book.Admin(), $"{path}&region={Uri.EscapeDataString(RegionBooks.East)}");
                Assert.True(admin == scoped, $"{chart.Name}: East key\n{scoped}\nadmin for the East\n{admin}");
            }

            Assert.Equal(await RegionBook.Text(books.First.EastManager(), path), await RegionBook.Text(books.Second.EastManager(), path));
        }
    }

    [Fact]
    public async Task The_dashboard_and_campaign_previews_of_an_east_key_ignore_other_regions()
    {
        Assert.Equal(await RegionBook.Text(books.First.EastManager(), "/?lang=en"), await RegionBook.Text(books.Second.EastManager(), "/?lang=en"));

        foreach (var book in new[] { books.First, books.Second })
        {
            var scoped = await RegionBook.Post(book.Client(Roles.Marketing, RegionBooks.East), "/api/targets/preview", "{}");
            var admin = await RegionBook.Post(book.Client(Roles.Marketing), "/api/targets/preview", """{"regions":["华东"]}""");
            Assert.Equal(admin.GetRawText(), scoped.GetRawText());
            Assert.Equal(RegionBooks.EastTotal, scoped.GetProperty("revenue12m").GetDecimal());
        }
    }
}
