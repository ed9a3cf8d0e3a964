using Analytics.Warehouse;

namespace Analytics.ReportApi.Cli;

/// <summary>The warehouse a verb works on: the file it opened (closed after), or the running service's own (left open).</summary>
internal sealed class WarehouseLease(WarehouseDatabase database, bool owned) : IDisposable
{
    public WarehouseDatabase Database { get; } = database;

    public void Dispose()
    {
        if (owned)
        {
            Database.Dispose();
        }
    }
}
