using System.Net;
using System.Text.RegularExpressions;
using Analytics.ReportApi.Access;
using Analytics.ReportApi.Accounts;

namespace Analytics.Tests.Security;

/// <summary>
/// Row-level security of the account pages as a property over every account of both <see cref="RegionBooks"/>: an
/// East key opens exactly the accounts whose company is in the East (a duplicate filed in the North included), each
/// page and chart the same as the admin's (but for the group section, which lists only the members it may see) and the
/// same whatever the other regions hold; every other account is a
/// 404 saying no more than a made-up id does, and so is its what-if.
/// </summary>
public sealed partial class AccountPageScopeTests(RegionBooks books) : IClassFixture<RegionBooks>
{
    // The group section lists the members of the company's group of companies the reader may see: the admin's lists
    // N1's whole group, the East key's its East members only (each checked to be an East account).
    [GeneratedRegex("<section id=\"group-members\">.*?</section>", RegexOptions.Singleline)]
    private static partial Regex GroupMembers();

    [GeneratedRegex("href=\"/accounts/([^?\"]+)\\?")]
    private static partial Regex GroupMemberLinks();

    private static string WithoutGroupMembers(string page) => GroupMembers().Replace(page, "");

    [Fact]
    public async Task An_east_key_opens_every_east_companys_page_as_the_admin_sees_it_and_no_other()
    {
        var opened = new List<string>();
        foreach (var book in new[] { books.First, books.Second })
        {
            var east = book.AccountsOf(RegionBooks.East);
            using var admin = book.Admin();
            using var manager = book.EastManager();
            using var analyst = book.Client(Roles.Analyst, RegionBooks.East);
            using var otherManager = (book == books.First ? books.Second : books.First).EastManager();
            foreach (var account in book.Warehouse.Rows("select account_id from core.accounts order by account_id", r => r.GetString(0)))
            {
                var paths = AccountCharts.Names.Select(c => $"/accounts/{account}/charts/{c}.json?lang=en").Prepend($"/accounts/{account}?lang=en");
                foreach (var path in paths)
                {
                    if (east.Contains(account))
                    {
                        var page = await RegionBook.Text(manager, path);
                        Assert.Equal(WithoutGroupMembers(await RegionBook.Text(admin, path)), WithoutGroupMembers(page));
                        Assert.Equal(page, await RegionBook.Text(otherManager, path));
                        Assert.All(GroupMemberLinks().Matches(GroupMembers().Match(page).Value), link => Assert.Contains(link.Groups[1].Value, east));
                        opened.Add(account);
                    }
                    else
                    {
                        Assert.Equal($$"""{"error":"There is no account '{{account}}' you may see."}""", await RegionBook.Text(manager, path, HttpStatusCode.NotFound));
                    }
                }

                using var body = new StringContent("""{"changes":{"sla_breaches_90d":0}}""", System.Text.Encoding.UTF8, "application/json");
                using var response = await analyst.PostAsync(new Uri($"/api/accounts/{account}/whatif", UriKind.Relative), body);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                var sentence = await response.Content.ReadAsStringAsync();
                Assert.Equal(east.Contains(account), !sentence.Contains("you may see", StringComparison.Ordinal));
            }
        }

        Assert.Equal(["E1", "E1D", "E2"], opened.Distinct().Order(StringComparer.Ordinal));
    }
}
