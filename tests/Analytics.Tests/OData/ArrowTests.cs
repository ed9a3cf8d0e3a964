using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Analytics.Tests.OData;

/// <summary>/arrow/{set}: the same sets as an Arrow IPC stream, filtered and narrowed by scope like /odata.</summary>
public sealed class ArrowTests(ODataBook book) : IClassFixture<ODataBook>
{
    private async Task<(Schema Schema, List<RecordBatch> Batches)> Read(string url, (string, string?)? scope = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (scope is { } s)
        {
            request.Headers.Add("X-Test-Role", s.Item1);
            request.Headers.Add("X-Test-Regions", s.Item2);
        }

        using var response = await book.Host.Client.SendAsync(request);
        Assert.Equal("application/vnd.apache.arrow.stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new ArrowStreamReader(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var batches = new List<RecordBatch>();
        while (await reader.ReadNextRecordBatchAsync() is { } batch)
        {
            batches.Add(batch);
        }

        return (reader.Schema, batches);
    }

    // The same amount, without the trailing zeros of the column's scale: 11097.90000000000000 is 11097.9.
    private static decimal Normal(decimal value) => value / 1.0000000000000000000000000000m;

    [Fact]
    public async Task Orders_stream_with_exact_decimals_dates_and_nulls_under_the_filter_and_select()
    {
        var (schema, batches) = await Read("/arrow/Orders?$filter=NetAmount gt 1000&$select=OrderId,NetAmount,OrderDate,Channel&$orderby=OrderId");

        Assert.Equal(["OrderId", "OrderDate", "Channel", "NetAmount"], schema.FieldsList.Select(f => f.Name));
        Assert.Equal((38, 14), (((Decimal128Type)schema.GetFieldByName("NetAmount").DataType).Precision, ((Decimal128Type)schema.GetFieldByName("NetAmount").DataType).Scale));
        Assert.IsType<Date32Type>(schema.GetFieldByName("OrderDate").DataType);
        var batch = Assert.Single(batches);
        var ids = (StringArray)batch.Column(0);
        var dates = (Date32Array)batch.Column(1);
        var channels = (StringArray)batch.Column(2);
        var net = (Decimal128Array)batch.Column(3);
        var rows = Enumerable.Range(0, batch.Length)
            .Select(i => $"{ids.GetString(i)} {Normal(net.GetValue(i)!.Value)} {dates.GetDateOnly(i):yyyy-MM-dd} {channels.GetString(i) ?? "null"}").ToList();

        Assert.Equal(
            book.Warehouse.Rows("select order_id, net_amount, order_date::varchar, channel from marts.orders where net_amount > 1000 order by 1",
                r => $"{r.GetString(0)} {Normal(r.GetDecimal(1))} {r.GetString(2)} {(r.IsDBNull(3) ? "null" : r.GetString(3))}"),
            rows);
    }

    [Fact]
    public async Task The_stream_holds_only_the_scopes_rows_and_masks_contacts()
    {
        var (_, batches) = await Read("/arrow/Tickets?$select=TicketId,Contact,OpenedAt", ("analyst", "华东"));

        var batch = Assert.Single(batches);
        Assert.Equal(["T1", "T3"], Enumerable.Range(0, batch.Length).Select(i => ((StringArray)batch.Column(0)).GetString(i)));
        Assert.Equal(2, batch.Column(1).NullCount);
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 2, 0, 0, TimeSpan.Zero), ((TimestampArray)batch.Column(2)).GetTimestamp(0));
    }
}
