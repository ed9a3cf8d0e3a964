using System.Diagnostics;
using DuckDB.NET.Data;

namespace Analytics.ReportApi.OData;

/// <summary>
/// One DuckDB statement run for a request: an activity of the "Analytics.OData" source while it runs (for tracing,
/// with the statement and the request it serves; tests watch it to know a statement started and how it ended), and
/// the interrupt that stops it once the request's token is cancelled (its client left, or its time is up). Dispose it
/// before its command.
/// </summary>
internal sealed class RunningStatement : IDisposable
{
    public const string SourceName = "Analytics.OData";

    private static readonly ActivitySource Source = new(SourceName);

    private readonly Lock _gate = new();
    private readonly DuckDBCommand _command;
    private readonly Activity? _activity;
    private readonly CancellationTokenRegistration _registration;
    private bool _ended;

    public RunningStatement(DuckDBCommand command, string request, CancellationToken cancellation)
    {
        _command = command;
        // The tags go in at the start, so a listener sees them when the activity starts.
        _activity = Source.StartActivity("duckdb statement", ActivityKind.Client, parentContext: default, tags:
        [
            new("db.system.name", "duckdb"),
            new("db.query.text", command.CommandText),
            new("analytics.request", request),
        ]);
        _registration = cancellation.Register(() => _ = InterruptUntilEnded());
    }

    /// <summary>The statement failed because it was interrupted: the activity records it.</summary>
    public void Interrupted()
    {
        _activity?.SetTag("analytics.interrupted", true);
        _activity?.SetStatus(ActivityStatusCode.Error, "interrupted");
    }

    // DuckDB forgets an interrupt that comes before its statement has begun (the cancellation can land between the
    // command's creation and its execution), so the interrupt is sent again until the statement has ended.
    private async Task InterruptUntilEnded()
    {
        while (true)
        {
            lock (_gate)
            {
                if (_ended)
                {
                    return;
                }

                _command.Cancel();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _ended = true;
        }

        _registration.Dispose();
        _activity?.Dispose();
    }
}
