using System.Net;
using System.Text.Json;

namespace Analytics.Tests.OData;

/// <summary>
/// What one request may cost is bounded before DuckDB works on it: $apply takes a limited number of
/// transformation steps, and each expanded navigation brings a limited number of rows per page.
/// </summary>
public sealed class RequestCostTests(ODataBook book) : IClassFixture<ODataBook>
{
    /// <summary>n groupby steps, each summing the previous step's sum: what a 2 KB URL of nested groupbys looks like.</summary>
    private static string GroupBys(int steps) =>
        "/odata/Orders?$apply=groupby((AccountId,OrderDate),aggregate(NetAmount with sum as Net0))/"
        + string.Join("/", Enumerable.Range(1, steps - 1).Select(i => $"groupby((AccountId,OrderDate),aggregate(Net{i - 1} with sum as Net{i}))"));

    [Fact]
    public async Task Twenty_eight_groupby_steps_are_refused_with_TooManyApplySteps()
    {
        var (status, body) = await book.Host.Get(GroupBys(28));

        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status}: {body}");
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal("TooManyApplySteps", error.GetProperty("code").GetString());
        Assert.Contains("10", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task As_many_steps_as_allowed_are_answered()
    {
        // Five groupbys, each with its aggregate: ten transformations, the default limit.
        var rows = await book.Host.All(GroupBys(5) + "&$orderby=AccountId,OrderDate");

        Assert.Equal(6, rows.Count);
        Assert.Equal(11097.9m, rows[0].GetProperty("Net4").GetDecimal());
    }

    [Fact]
    public async Task An_expansion_over_the_row_cap_is_refused_asking_for_top_inside_expand()
    {
        await using var host = new ODataHost(book.Warehouse.Database, pageSize: 2, limits: l => l.MaxExpandedRows = 2);

        // The first page holds A1 (orders O1, O2) and A2 (O3): three expanded rows, one over the cap.
        var (status, body) = await host.Get("/odata/Accounts?$expand=Orders");
        var capped = await host.Json("/odata/Accounts?$expand=Orders($top=1)");

        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status}: {body}");
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal("TooManyExpandedRows", error.GetProperty("code").GetString());
        Assert.Contains("$top", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["O1", "O3"], capped.GetProperty("value").EnumerateArray().SelectMany(a => a.GetProperty("Orders").EnumerateArray()).Select(o => o.GetProperty("OrderId").GetString()).ToList());
    }
}
