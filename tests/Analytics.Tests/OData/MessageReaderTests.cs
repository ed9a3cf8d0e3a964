using System.Globalization;
using System.Xml;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace Analytics.Tests.OData;

/// <summary>
/// Our responses read back with Microsoft.OData.Core's own message reader against the model parsed from our own
/// $metadata: what a standard client (Power BI, Excel, the .NET client) does.
/// </summary>
public sealed class MessageReaderTests(ODataBook book) : IClassFixture<ODataBook>
{
    private sealed class ResponseMessage(Stream body, string contentType) : IODataResponseMessage
    {
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = contentType, ["OData-Version"] = "4.0" };

        public IEnumerable<KeyValuePair<string, string>> Headers => _headers;

        public int StatusCode { get; set; } = 200;

        public string GetHeader(string headerName) => _headers.TryGetValue(headerName, out var value) ? value : null!;

        public void SetHeader(string headerName, string headerValue) => _headers[headerName] = headerValue;

        public Stream GetStream() => body;
    }

    private async Task<IEdmModel> Model()
    {
        var csdl = await book.Host.Client.GetStringAsync(new Uri("/odata/$metadata", UriKind.Relative));
        using var xml = XmlReader.Create(new StringReader(csdl));
        Assert.True(CsdlReader.TryParse(xml, out var model, out var errors), string.Join("; ", errors?.Select(e => e.ErrorMessage) ?? []));
        return model;
    }

    private async Task<List<ODataResource>> Read(string url, string set, bool undeclared = false)
    {
        var model = await Model();
        using var response = await book.Host.Client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var settings = new ODataMessageReaderSettings { BaseUri = new Uri("http://localhost/odata/") };
        if (undeclared)
        {
            settings.Validations &= ~ValidationKinds.ThrowOnUndeclaredPropertyForNonOpenType;
        }

        using var reader = new ODataMessageReader((IODataResponseMessage)new ResponseMessage(body, response.Content.Headers.ContentType!.ToString()), settings, model);
        var entitySet = model.EntityContainer.FindEntitySet(set);
        var resources = new List<ODataResource>();
        var depth = 0;
        var odata = reader.CreateODataResourceSetReader(entitySet, entitySet.EntityType);
        while (odata.Read())
        {
            switch (odata.State)
            {
                case ODataReaderState.ResourceStart:
                    depth++;
                    break;
                case ODataReaderState.ResourceEnd:
                    depth--;
                    if (depth == 0)
                    {
                        resources.Add((ODataResource)odata.Item);
                    }

                    break;
            }
        }

        return resources;
    }

    private static object? Value(ODataResource resource, string name) =>
        resource.Properties.OfType<ODataProperty>().Single(p => p.Name == name).Value;

    // An undeclared property arrives as its JSON text.
    private static string Net(object? value) =>
        decimal.Parse(value is ODataUntypedValue untyped ? untyped.RawValue : Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture)
            .ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_metadata_parses_and_keeps_the_warehouse_types()
    {
        var model = await Model();

        var order = (IEdmEntityType)model.FindType("Analytics.Order");
        var net = order.FindProperty("NetAmount").Type.AsDecimal();
        Assert.Equal(EdmPrimitiveTypeKind.Decimal, net.PrimitiveKind());
        Assert.Equal((38, 14), (net.Precision, net.Scale));
        Assert.Equal(EdmPrimitiveTypeKind.Date, order.FindProperty("OrderDate").Type.PrimitiveKind());
        Assert.Equal(EdmPrimitiveTypeKind.DateTimeOffset, ((IEdmEntityType)model.FindType("Analytics.Ticket")).FindProperty("OpenedAt").Type.PrimitiveKind());
        Assert.Equal(["OrderId"], order.Key().Select(k => k.Name));
        Assert.Equal(["OrderId", "LineNo"], ((IEdmEntityType)model.FindType("Analytics.OrderLine")).Key().Select(k => k.Name));
        Assert.Equal(["AccountId"], ((IEdmEntityType)model.FindType("Analytics.AccountScore")).Key().Select(k => k.Name));
        Assert.Equal(EdmMultiplicity.Many, ((IEdmEntityType)model.FindType("Analytics.Account")).NavigationProperties().Single(n => n.Name == "Orders").TargetMultiplicity());
    }

    [Fact]
    public async Task Orders_read_back_with_the_same_values_SQL_gives()
    {
        var orders = await Read("/odata/Orders?$top=50", "Orders");

        var expected = book.Warehouse.Rows("select order_id, net_amount, order_date::varchar, channel from marts.orders order by 1",
            r => $"{r.GetString(0)} {r.GetDecimal(1).ToString(CultureInfo.InvariantCulture)} {r.GetString(2)} {(r.IsDBNull(3) ? "null" : r.GetString(3))}");
        Assert.Equal(expected.Take(2), orders.Select(o =>
            $"{Value(o, "OrderId")} {((decimal)Value(o, "NetAmount")!).ToString(CultureInfo.InvariantCulture)} {Value(o, "OrderDate")} {Value(o, "Channel") ?? "null"}"));
    }

    [Fact]
    public async Task Accounts_with_selected_properties_and_expanded_orders_read_back()
    {
        var accounts = await Read("/odata/Accounts?$select=AccountId,Name&$expand=Orders($select=OrderId)", "Accounts");

        Assert.Equal(["A1 华东机械有限公司", "A2 O'Brien & Co"], accounts.Select(a => $"{Value(a, "AccountId")} {Value(a, "Name")}"));
    }

    [Fact]
    public async Task A_nested_expand_reads_back()
    {
        var accounts = await Read("/odata/Accounts?$select=AccountId&$expand=Orders($select=OrderId;$expand=Lines($select=LineNo))", "Accounts");

        Assert.Equal(["A1", "A2"], accounts.Select(a => Value(a, "AccountId")));
    }

    [Fact]
    public async Task An_apply_response_reads_back_as_entities_with_the_aggregate_as_an_undeclared_property()
    {
        var groups = await Read("/odata/Orders?$apply=groupby((AccountId),aggregate(NetAmount with sum as Net))&$orderby=Net desc", "Orders", undeclared: true);

        Assert.Equal(["A1 17096.9", "A3 4125.375"], groups.Select(g => $"{Value(g, "AccountId")} {Net(Value(g, "Net"))}"));
    }
}
