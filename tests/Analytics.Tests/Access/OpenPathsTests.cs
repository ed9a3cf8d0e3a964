using System.Net;
using System.Net.Http.Headers;
using Analytics.ReportApi.Access;
using Analytics.Tests.Support;

namespace Analytics.Tests.Access;

/// <summary>/dashboard as the docs list it, the favicon every browser asks for, and the shape of a refusal on OData paths.</summary>
public sealed class OpenPathsTests : ServedWarehouse
{
    private const string ManagerKey = "open-paths-manager-key";
    private const string MarketingKey = "open-paths-marketing-key";
    private const string AnalystKey = "open-paths-analyst-key";

    protected override void Prepare()
    {
        using (var connection = Warehouse.Connect())
        {
            ApiKeyStore.Store(connection, Roles.Manager, null, "manager", ManagerKey);
            ApiKeyStore.Store(connection, Roles.Marketing, null, "marketing", MarketingKey);
            ApiKeyStore.Store(connection, Roles.Analyst, null, "analyst", AnalystKey);
        }
    }

    [Theory]
    [InlineData("/dashboard", "/")]
    [InlineData("/dashboard?lang=en&region=%E5%8D%8E%E4%B8%9C", "/?lang=en&region=%E5%8D%8E%E4%B8%9C")]
    [InlineData("/Dashboard/", "/")]
    public async Task The_documented_dashboard_address_leads_to_the_dashboard_with_its_filters(string path, string location)
    {
        using var response = await Server.Client(ManagerKey).GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);

        // Only for those who may see the dashboard.
        using var analyst = await Server.Client(AnalystKey).GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, analyst.StatusCode);
    }

    [Fact]
    public async Task The_favicon_is_served_to_anyone_as_a_small_icon()
    {
        using var response = await Server.Client().GetAsync(new Uri("/favicon.ico", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        var icon = await response.Content.ReadAsByteArrayAsync();
        // An ICO header (reserved 0, type 1, one image) of a 16 x 16 picture.
        Assert.Equal([0, 0, 1, 0, 1, 0, 16, 16], icon[..8]);
        Assert.Equal(icon.Length, BitConverter.ToInt32(icon, 14) + BitConverter.ToInt32(icon, 18));
        Assert.True(AccessPolicy.IsOpen("/favicon.ico", "GET"));
    }

    [Fact]
    public async Task On_OData_paths_a_refusal_is_an_OData_error_object()
    {
        using var none = await Server.Client().GetAsync(new Uri("/odata/Accounts", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(
            """{"error":{"code":"Unauthorized","message":"Give an API key: 'Authorization: Bearer KEY' (or sign in at /signin)."}}""",
            JsonText.Of(await none.Content.ReadAsStringAsync()));
        Assert.Equal("4.0", none.Headers.GetValues("OData-Version").Single());
        Assert.Equal("application/json", none.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        using var unknown = await Server.Client("no-such-key").GetAsync(new Uri("/odata", UriKind.Relative));
        Assert.Equal(
            """{"error":{"code":"Unauthorized","message":"This API key is not known."}}""",
            JsonText.Of(await unknown.Content.ReadAsStringAsync()));

        using var forbidden = await Server.Client(MarketingKey).GetAsync(new Uri("/odata/Accounts", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(
            """{"error":{"code":"Forbidden","message":"The marketing role may not GET /odata/Accounts."}}""",
            JsonText.Of(await forbidden.Content.ReadAsStringAsync()));
        Assert.Equal("4.0", forbidden.Headers.GetValues("OData-Version").Single());
    }

    [Fact]
    public async Task Elsewhere_a_refusal_keeps_its_one_sentence_shape()
    {
        using var none = await Server.Client().GetAsync(new Uri("/api/campaigns", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("""{"error":"Give an API key: 'Authorization: Bearer KEY' (or sign in at /signin)."}""", JsonText.Of(await none.Content.ReadAsStringAsync()));
        Assert.False(none.Headers.Contains("OData-Version"));

        // /odatafoo is no OData path.
        using var forbidden = await Server.Client(MarketingKey).GetAsync(new Uri("/odatax", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("""{"error":"The marketing role may not GET /odatax."}""", JsonText.Of(await forbidden.Content.ReadAsStringAsync()));

        // A browser on an OData path still gets the sign-in form.
        using var page = new HttpRequestMessage(HttpMethod.Get, new Uri("/odata/Accounts", UriKind.Relative));
        page.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var form = await Server.Client().SendAsync(page);
        Assert.Equal(HttpStatusCode.Unauthorized, form.StatusCode);
        Assert.Equal("text/html", form.Content.Headers.ContentType?.MediaType);
    }
}
