using Analytics.Ingest;
using Analytics.Ingest.Loading;
using Analytics.Tests.Support;

namespace Analytics.Tests.Loading;

/// <summary>
/// A mapping's transform turns an export of another shape into the entity's rows, on a small event log written by
/// hand: three cases of a helpdesk, one row per event, times on Rome's clock (UTC+1 in early March 2024).
/// Every event is accounted for (in one ticket, or dropped by the transform), and a bad transform fails in one
/// sentence that names the mapping, with nothing written.
/// </summary>
public sealed class MappingTransformTests : IDisposable
{
    // Lines 2-5 are case C1, 6-7 C2, 8-10 C3; line 4 is a note the tickets transform leaves out.
    private const string EventLog = """
        case_id,activity,event_time,customer,agent,severity
        C1,Open,2024-03-04 09:10:00,Acme,,high
        C1,Take in charge,2024-03-04 09:40:00,Acme,Rossi,high
        C1,Note,2024-03-04 09:50:00,Acme,Rossi,high
        C1,Closed,2024-03-04 11:00:00,Acme,Rossi,high
        C2,Open,2024-03-05 14:00:00,Beta,,low
        C2,Closed,2024-03-05 15:00:00,Beta,,low
        C3,Open,2024-03-06 08:00:00,Acme,,low
        C3,Take in charge,2024-03-06 08:30:00,Acme,Bianchi,low
        C3,Closed,2024-03-07 10:00:00,Acme,Bianchi,low

        """;

    private const string Accounts = """
        {"entity": "accounts",
         "transform": "select customer as account_id, customer as name, list(source_line) as source_lines from source group by customer"}
        """;

    private const string TicketsTemplate = """
        {"entity": "tickets", "time_zone": "Europe/Rome",
         "transform": [
           "select case_id as ticket_id, arg_min(customer, source_line) as account_id, KIND as kind, any_value(severity) as priority,",
           "       min(strptime(event_time, '%Y-%m-%d %H:%M:%S')) as opened_at,",
           "       min(strptime(event_time, '%Y-%m-%d %H:%M:%S')) filter (where activity = 'Take in charge') as first_response_at,",
           "       max(strptime(event_time, '%Y-%m-%d %H:%M:%S')) filter (where activity = 'Closed') as closed_at,",
           "       arg_min(agent, source_line) filter (where activity = 'Take in charge') as engineer,",
           "       list(source_line) as source_lines",
           "from source where activity <> 'Note' group by case_id"]}
        """;

    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    private string Log() => _warehouse.Write("events.csv", EventLog.Replace("\r", "", StringComparison.Ordinal));

    private LoadReport LoadWith(string mappingName, string mapping) =>
        _warehouse.Load(Log(), new LoadOptions(MappingPath: _warehouse.Write(mappingName, mapping)));

    private static string Tickets(string kind = "'request'") => TicketsTemplate.Replace("KIND", kind, StringComparison.Ordinal);

    [Fact]
    public void One_event_log_feeds_accounts_and_tickets_and_every_event_is_accounted_for()
    {
        var accounts = LoadWith("accounts.mapping.json", Accounts);
        var tickets = LoadWith("tickets.mapping.json", Tickets());

        // 9 events -> 2 accounts: each event is in one account's row, 2 of them count as the rows, 7 as merged.
        Assert.Equal(new BatchCounts(9, 2, 0, 0) { Merged = 7, Dropped = 0 }, accounts.Counts);
        Assert.Equal(["case_id", "activity", "event_time", "agent", "severity"], accounts.Columns.Ignored);
        // 9 events -> 3 tickets: the note is dropped, the other 8 events make 3 tickets (5 merged).
        Assert.Equal(new BatchCounts(9, 3, 0, 0) { Merged = 5, Dropped = 1 }, tickets.Counts);
        Assert.StartsWith("events.csv: 9 rows -> 3 tickets (5 merged, 1 dropped); tickets loaded 3 of 3 rows, 0 rejected",
            tickets.Summary(), StringComparison.Ordinal);
        Assert.Contains("\"rows_read\":9,\"rows_loaded\":3,\"rows_rejected\":0,\"rows_pending\":0,\"rows_merged\":5,\"rows_dropped\":1",
            tickets.ToJson(), StringComparison.Ordinal);
        Assert.Equal((5L, 1L), _warehouse.Rows("select rows_merged, rows_dropped from meta.load_batches where batch_id = $1",
            r => (r.GetInt64(0), r.GetInt64(1)), tickets.BatchId)[0]);

        // Rome is UTC+1 before the end of March: 09:10 there is 08:10 UTC.
        Assert.Equal(
            [
                ("C1", "Acme", "high", "2024-03-04 08:10:00+00", "2024-03-04 08:40:00+00", "2024-03-04 10:00:00+00", "Rossi"),
                ("C2", "Beta", "low", "2024-03-05 13:00:00+00", "", "2024-03-05 14:00:00+00", ""),
                ("C3", "Acme", "low", "2024-03-06 07:00:00+00", "2024-03-06 07:30:00+00", "2024-03-07 09:00:00+00", "Bianchi"),
            ],
            _warehouse.Rows("""
                select ticket_id, account_id, priority, opened_at::varchar, coalesce(first_response_at::varchar, ''),
                       closed_at::varchar, coalesce(engineer, '')
                from core.tickets order by ticket_id
                """, r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6))));
    }

    [Fact]
    public void A_transformed_row_the_checks_reject_names_the_source_lines_it_came_from()
    {
        LoadWith("accounts.mapping.json", Accounts);

        var tickets = LoadWith("tickets.mapping.json", Tickets("case when case_id = 'C2' then 'visit' else 'request' end"));

        // 9 = 2 loaded + 1 rejected + 5 merged + 1 dropped.
        Assert.Equal(new BatchCounts(9, 2, 1, 0) { Merged = 5, Dropped = 1 }, tickets.Counts);
        Assert.Equal([new RejectedRow(6, "kind not one of phone, onsite, maintenance, complaint, request")], tickets.Rejects);
        Assert.Equal("[6, 7]", _warehouse.Scalar<string>("select raw_row::json->>'source_lines' from meta.rejects"));
    }

    [Fact]
    public void The_same_file_through_the_same_entity_twice_is_a_duplicate()
    {
        LoadWith("accounts.mapping.json", Accounts);
        LoadWith("tickets.mapping.json", Tickets());

        Assert.Equal(LoadStatus.Duplicate, LoadWith("tickets.mapping.json", Tickets()).Status);
    }

    [Theory]
    [InlineData("delete from source", "is not a select")]
    [InlineData("select 'C1' as ticket_id, source_line from source; select 'C2' as ticket_id, source_line from source",
        "holds 2 statements where one select is wanted")]
    [InlineData("select * from read_csv('/etc/passwd')", "calls read_csv(), and a transform reads only its file, as the table source")]
    [InlineData("select account_id as ticket_id, account_id, 'request' as kind, created_on as opened_at, 1 as source_line from core.accounts",
        "reads core.accounts, and a transform reads only its file, as the table source")]
    [InlineData("select case_id as ticket_id, customer as account_id, 'request' as kind, event_time as opened_at, activity as step, source_line from source",
        "gives column 'step', which tickets does not have")]
    [InlineData("select case_id as ticket_id, customer as account_id, 'request' as kind, length(event_time) as opened_at, source_line from source",
        "gives opened_at as BIGINT, which does not cast to a timestamp")]
    [InlineData("select case_id as ticket_id, customer as account_id, 'request' as kind, event_time as opened_at from source",
        "gives neither source_line nor source_lines, so its rows cannot be traced to the file's lines")]
    [InlineData("select case_id as ticket_id, any_value(customer) as account_id, 'request' as kind, min(event_time) as opened_at, [2] || list(source_line) as source_lines from source group by case_id",
        "puts source line 2 into more than one row")]
    [InlineData("select 'T' || x as ticket_id, 'Acme' as account_id, 'request' as kind, '2024-03-04 09:00:00' as opened_at, []::bigint[] as source_lines from range(2) r(x)",
        "makes 2 rows from no source line")]
    [InlineData("select case_id as ticket_id, customer as account_id, event_time as opened_at, source_line from source",
        "has no column 'kind', which every tickets row needs")]
    public void A_bad_transform_fails_in_one_sentence_naming_the_mapping_and_writes_nothing(string transform, string problem)
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nAcme,Acme\nBeta,Beta\n");
        var mapping = $$"""{"entity": "tickets", "transform": {{System.Text.Json.JsonSerializer.Serialize(transform)}}}""";

        var report = LoadWith("bad.mapping.json", mapping);

        Assert.Equal(LoadStatus.Failed, report.Status);
        Assert.Equal($"The transform of mapping bad.mapping.json {problem}.", report.Error);
        Assert.Equal(0, _warehouse.Scalar<long>("select count(*) from core.tickets"));
        Assert.Equal(0, _warehouse.Scalar<long>("select count(*) from meta.rejects"));
    }
}
