using System.Net;
using Analytics.Tests.Security;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;

namespace Analytics.Tests.Accounts;

/// <summary>
/// The account page on a warehouse whose marts are not this release's: the account benchmark opened a 100,000-account
/// warehouse built before the group marts (160-162) without the service's start-up rebuild, and its first page was a
/// 500 ("Catalog Error: Table with name group_members does not exist"). Now such a page is a 503 that says why, and
/// the service's start rebuilds marts whose SQL an upgrade changed, not only missing ones.
/// </summary>
public sealed class AccountPageMartsTests
{
    [Fact]
    public async Task A_page_over_a_missing_mart_is_a_503_that_says_why_and_is_served_again_after_a_refresh()
    {
        await using var book = new RegionBook(second: false);
        using var admin = book.Admin();
        Assert.Contains("<h1>Account: 华东机械有限公司</h1>", await RegionBook.Text(admin, "/accounts/E1?lang=en"), StringComparison.Ordinal);

        using (var connection = book.Warehouse.Connect())
        {
            connection.Execute("drop table marts.group_members");
        }

        Assert.Equal(
            """{"error":"The marts are not ready for this page (a mart has no table yet). The service rebuilds them when it starts; or stop it and run 'analytics refresh'."}""",
            await RegionBook.Text(admin, "/accounts/E2?lang=en", HttpStatusCode.ServiceUnavailable));
        Assert.Contains("not ready", await RegionBook.Text(admin, "/accounts/N1/charts/revenue.svg", HttpStatusCode.ServiceUnavailable), StringComparison.Ordinal);

        book.Warehouse.RefreshMarts();
        Assert.Contains("<h1>Account: 苏州电子有限公司</h1>", await RegionBook.Text(admin, "/accounts/E2?lang=en"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_services_start_rebuilds_marts_an_upgrade_changed_though_every_table_is_there()
    {
        // As an older release left it: every mart has its table, built from the data held, but a column the page reads
        // is missing and the recorded inputs (the models' SQL among them) are not this release's.
        await using var book = new RegionBook(second: false);
        using (var connection = book.Warehouse.Connect())
        {
            connection.Execute("alter table marts.group_members drop column revenue_12m");
            connection.Execute("update meta.marts_inputs set fingerprint = 'an older release'");
            Assert.Equal("an input other than orders, order lines and tickets changed (a setting, account, product, contract, calendar, decision or a mart's SQL)",
                new MartBuilder(connection).WhyNotCurrent());
        }

        using var admin = book.Admin();
        var page = await RegionBook.Text(admin, "/accounts/E2?lang=en");
        Assert.Contains("<h1>Account: 苏州电子有限公司</h1>", page, StringComparison.Ordinal);
        Assert.Contains("北京重工有限公司", page, StringComparison.Ordinal);
        using (var connection = book.Warehouse.Connect())
        {
            Assert.Null(new MartBuilder(connection).WhyNotCurrent());
        }
    }
}
