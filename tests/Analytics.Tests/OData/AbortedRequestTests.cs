using System.Collections.Concurrent;
using System.Diagnostics;
using Analytics.Tests.Support;
using Analytics.Warehouse;

namespace Analytics.Tests.OData;

/// <summary>
/// A request whose client gave up stops its DuckDB statement: pages, counts, expansions, Arrow streams and CSV
/// exports. The orders are a view whose every read would take many minutes; the test waits for the service's own
/// signal that the statement started (its "Analytics.OData" activity), cancels the request, and waits for the signal
/// that the statement ended, interrupted. Nothing depends on timing: a statement not interrupted would never end
/// within the test's guard.
/// </summary>
public sealed class AbortedRequestTests(AbortedRequestTests.EndlessOrders book) : IClassFixture<AbortedRequestTests.EndlessOrders>
{
    /// <summary>The service on a warehouse whose marts.orders never finishes reading; the time limit is far away.</summary>
    public sealed class EndlessOrders : IAsyncDisposable
    {
        private readonly TestWarehouse _warehouse = new();

        public ODataHost Host { get; }

        public EndlessOrders()
        {
            _warehouse.LoadText("accounts.csv", "account_id,name,tax_id,industry,region,city,owner,created_on,contact_name,contact_phone\nA1,One,,,North,,,2020-01-15,,\n");
            _warehouse.RefreshMarts();
            Host = new ODataHost(_warehouse.Database, pageSize: 100, limits: l => l.RequestTimeoutSeconds = 3600);
            // The model is read from the marts as built; only then do the orders become endless.
            Assert.Equal(System.Net.HttpStatusCode.OK, Host.Get("/odata/$metadata").GetAwaiter().GetResult().Status);
            using var connection = _warehouse.Connect();
            connection.Execute("alter table marts.orders rename to orders_built");
            connection.Execute("""
                create view marts.orders as
                select * from marts.orders_built where (select max(hash(i)) from range(1000000000000) t(i)) = 0
                """);
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            _warehouse.Dispose();
        }
    }

    [Theory]
    [InlineData("/odata/Orders?mark={0}")]
    [InlineData("/odata/Orders/$count?mark={0}")]
    [InlineData("/odata/Accounts?$expand=Orders&mark={0}")]
    [InlineData("/arrow/Orders?mark={0}")]
    [InlineData("/exports/Orders.csv?mark={0}")]
    public async Task A_request_the_client_abandons_interrupts_its_statement(string template)
    {
        var mark = Guid.NewGuid().ToString("N");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool Ours(Activity a) => a.GetTagItem("analytics.request") is string r && r.Contains(mark, StringComparison.Ordinal)
            && a.GetTagItem("db.query.text") is string sql && sql.Contains("marts.orders", StringComparison.Ordinal);
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Analytics.OData",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = a => { if (Ours(a)) { started.TrySetResult(); } },
            ActivityStopped = a => { if (Ours(a)) { stopped.TrySetResult(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        using var client = new CancellationTokenSource();

        var request = book.Host.Client.GetAsync(new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, mark), UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, client.Token);
        // A guard for a broken service only: the statement starts within moments and, once interrupted, ends within moments.
        Assert.True(await Task.WhenAny(started.Task, Task.Delay(TimeSpan.FromMinutes(2))) == started.Task, "No statement of the request started.");
        await client.CancelAsync();
        Assert.True(await Task.WhenAny(stopped.Task, Task.Delay(TimeSpan.FromMinutes(2))) == stopped.Task, "The statement went on after its client left.");
        var statement = await stopped.Task;

        Assert.Equal(true, statement.GetTagItem("analytics.interrupted"));
        try
        {
            // The client gave up: whether its call ends cancelled or with what the server wrote before seeing that is
            // the client library's race, not the service's behaviour.
            using var _ = await request;
        }
        catch (OperationCanceledException)
        {
        }
    }
}
