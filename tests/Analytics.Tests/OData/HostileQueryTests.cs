using System.Net;
using System.Text.Json;

namespace Analytics.Tests.OData;

/// <summary>
/// Broken and hostile requests: injection attempts, huge numbers, deep nesting, unknown functions and options.
/// None may answer 500, none may answer 200 to something the translator does not support, and what answers 200
/// to a 华东 analyst holds no row of another region.
/// </summary>
public sealed class HostileQueryTests(ODataBook book) : IClassFixture<ODataBook>
{
    private static readonly string[] ForeignMarks = ["A2", "A4", "A5", "O'Brien", "Under_score", "南方电子", "O3", "O5", "O6", "T2", "C2", "Pat", "王五"];

    public static TheoryData<string> Corpus { get; } = new()
    {
        "/odata/Orders?$filter=OrderId eq 'x'' or ''1''=''1'",
        "/odata/Orders?$filter=OrderId eq '1'; drop table core.orders; --'",
        "/odata/Accounts?$filter=Name eq '\"); select * from core.accounts; --'",
        "/odata/Accounts?$filter=Region eq '华东' or Region ne '华东'",
        "/odata/Accounts?$filter=true or AccountId eq 'A2'",
        "/odata/Accounts?$filter=contains(Name,'%') or contains(Name,'_') or contains(Name,'\\')",
        "/odata/Orders?$filter=NetAmount gt 99999999999999999999999999999999999999999999999",
        "/odata/Orders?$filter=NetAmount gt 1e308 or NetAmount lt -1e308",
        "/odata/Orders?$filter=NetAmount mul 79228162514264337593543950335 gt 1",
        "/odata/Orders?$filter=LineCount mul 9223372036854775807 gt 1",
        "/odata/Orders?$filter=NetAmount div 0 gt 1",
        "/odata/Orders?$filter=LineCount div 0 eq 1",
        "/odata/Orders?$filter=LineCount mod 0 eq 1",
        "/odata/Orders?$filter=substring(OrderId,99999999999) eq ''",
        "/odata/Orders?$filter=substring(OrderId,-5,2) eq ''",
        "/odata/Orders?$filter=OrderDate eq 9999-12-31 or OrderDate eq 0001-01-01",
        "/odata/Orders?$filter=OrderDate eq 2024-02-30",
        "/odata/Orders?$top=99999999999999999999",
        "/odata/Orders?$top=1000001",
        "/odata/Orders?$top=-1",
        "/odata/Orders?$skip=-1",
        "/odata/Orders?$top=abc",
        "/odata/Orders?$skip=9223372036854775807",
        "/odata/Orders?$filter=" + new string('(', 400) + "true" + new string(')', 400),
        "/odata/Orders?$filter=" + string.Join(" or ", Enumerable.Repeat("NetAmount eq 1", 400)),
        "/odata/Orders?$filter=" + string.Join(" and ", Enumerable.Repeat("not", 1).Select(_ => "not not not not not not not true")),
        "/odata/Orders?$filter=OrderId in (" + string.Join(",", Enumerable.Range(0, 1500).Select(i => $"'{i}'")) + ")",
        "/odata/Orders?$filter=unknownfunc(OrderId)",
        "/odata/Orders?$filter=cast(NetAmount,Edm.String) eq '1'",
        "/odata/Orders?$filter=isof(NetAmount,Edm.Decimal)",
        "/odata/Orders?$filter=geo.distance(OrderId,OrderId) lt 1",
        "/odata/Orders?$filter=Lines/any(l:l/Quantity gt 1)",
        "/odata/Orders?$filter=Account/Region eq 'North'",
        "/odata/Orders?$filter=fractionalseconds(OrderDate) eq 0",
        "/odata/Orders?$filter=OrderDate add duration'P1D' gt 2024-01-01",
        "/odata/Orders?$filter=",
        "/odata/Orders?$filter=OrderId eq",
        "/odata/Orders?$filter=OrderId eq 'unterminated",
        "/odata/Orders?$filter=NoSuchProperty eq 1",
        "/odata/Orders?$orderby=NoSuchProperty",
        "/odata/Orders?$orderby=" + string.Join(",", Enumerable.Repeat("NetAmount", 300)),
        "/odata/Orders?$select=*,Nope",
        "/odata/Orders?$expand=Nope",
        "/odata/Orders?$expand=Account($expand=Orders)",
        "/odata/Orders?$expand=Lines($count=true)",
        "/odata/Orders?$apply=groupby((Nope))",
        "/odata/Orders?$apply=aggregate(NetAmount with nonsense as X)",
        "/odata/Orders?$apply=groupby((Account/Region),aggregate($count as N))",
        "/odata/Orders?$apply=groupby((AccountId,OrderId,OrderDate,Channel,ContractId,NetAmount,CostAmount,LineCount,InvoiceDate,DueDate))",
        "/odata/Orders?$apply=expand(Lines,filter(Quantity gt 1))",
        "/odata/Orders?$apply=concat(aggregate($count as N),aggregate(NetAmount with sum as S))",
        "/odata/Orders?$apply=aggregate(NetAmount with sum as S)&$select=S",
        "/odata/Orders?$apply=groupby((AccountId),aggregate(NetAmount with sum as S))&$filter=Nope gt 1",
        "/odata/Orders?$search=phone",
        "/odata/Orders?$compute=NetAmount mul 2 as Double",
        "/odata/Orders?$format=xml",
        "/odata/Orders?$skiptoken=not-a-token",
        "/odata/Orders?$skiptoken=WyJBIiwiQiJd",
        "/odata/Orders?$orderby=NetAmount&$skiptoken=WyJPMSJd",
        "/odata/Orders?$levels=2",
        "/odata/Nope",
        "/odata/Orders('O1')/Nope",
        "/odata/Orders('O1')/NetAmount",
        "/odata/Orders(",
        "/odata/Orders('O3')",
        "/odata/Accounts('A2')/Orders",
        "/odata/Orders('O1')?$filter=true",
        "/odata/$batch",
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task A_hostile_request_never_gets_a_500_and_never_sees_another_regions_rows(string url)
    {
        var (status, body) = await book.Host.Get(url, ("analyst", "华东"));

        Assert.NotEqual(HttpStatusCode.InternalServerError, status);
        Assert.True((int)status < 500 || status is HttpStatusCode.NotImplemented or HttpStatusCode.ServiceUnavailable, $"{(int)status}: {body}");
        if (status == HttpStatusCode.OK)
        {
            var values = JsonDocument.Parse(body).RootElement;
            var rows = values.TryGetProperty("value", out var v) ? v.EnumerateArray().ToList() : [values];
            var text = string.Join("\n", rows.Select(r => r.GetRawText()));
            Assert.DoesNotContain(ForeignMarks, mark => text.Contains($"\"{mark}\"", StringComparison.Ordinal) || text.Contains(mark + " ", StringComparison.Ordinal));
        }
        else
        {
            Assert.Equal("error", JsonDocument.Parse(body).RootElement.EnumerateObject().Single().Name);
        }
    }

    [Theory]
    [InlineData("/odata/Orders?$filter=unknownfunc(OrderId)", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Orders?$filter=isof(NetAmount,Edm.Decimal)", HttpStatusCode.NotImplemented)]
    [InlineData("/odata/Orders?$filter=cast(NetAmount,Edm.Guid) eq null", HttpStatusCode.NotImplemented)]
    [InlineData("/odata/Orders?$filter=Lines/any(l:l/Quantity gt NetAmount)", HttpStatusCode.NotImplemented)]
    [InlineData("/odata/Accounts?$expand=Orders($filter=Lines/any(l:l/Quantity gt 1))", HttpStatusCode.NotImplemented)]
    [InlineData("/odata/Orders?$apply=filter(Lines/any(l:l/Quantity gt 1))", HttpStatusCode.NotImplemented)]
    [InlineData("/odata/Orders?$filter=Lines/Quantity eq 1", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Orders?$search=phone", HttpStatusCode.NotImplemented)]
    [InlineData("/odata/Orders?$top=1000001", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Orders?$filter=OrderId eq 'unterminated", HttpStatusCode.BadRequest)]
    [InlineData("/odata/Nope", HttpStatusCode.NotFound)]
    public async Task What_is_not_supported_is_refused_with_501_and_bad_syntax_with_400(string url, HttpStatusCode expected)
    {
        var (status, body) = await book.Host.Get(url);

        Assert.Equal(expected, status);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task The_limits_answer_with_their_own_error_codes()
    {
        var nodes = await book.Host.Get("/odata/Orders?$filter=" + string.Join(" or ", Enumerable.Repeat("NetAmount eq 1", 200)));
        var groups = await book.Host.Get("/odata/Orders?$apply=groupby((AccountId,OrderId,OrderDate,Channel,ContractId,NetAmount,CostAmount,LineCount,InvoiceDate,DueDate))");
        var values = await book.Host.Get("/odata/Orders?$filter=OrderId in (" + string.Join(",", Enumerable.Range(0, 1001).Select(i => $"'{i}'")) + ")");

        Assert.Contains("QueryTooComplex", nodes.Body, StringComparison.Ordinal);
        Assert.Contains("TooManyGroupByKeys", groups.Body, StringComparison.Ordinal);
        Assert.Contains("TooManyValues", values.Body, StringComparison.Ordinal);
    }
}
