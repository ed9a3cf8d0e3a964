namespace Analytics.Tests.Support;

/// <summary>
/// A test class's own warehouse, served by the real app (<see cref="AnalyticsFactory"/>): for tests that store keys or
/// change what they read. <see cref="Prepare"/> fills the warehouse before the app starts.
/// </summary>
public abstract class ServedWarehouse : IAsyncLifetime, IDisposable
{
    protected TestWarehouse Warehouse { get; } = new();

    protected AnalyticsFactory Server { get; private set; } = null!;

    /// <summary>What the warehouse holds when the app starts: keys, rows, marts.</summary>
    protected abstract void Prepare();

    public Task InitializeAsync()
    {
        Prepare();
        Server = new AnalyticsFactory(Warehouse.Database);
        Server.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    // xunit disposes after DisposeAsync: the warehouse outlives the server that used it.
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Server.Dispose();
            Warehouse.Dispose();
        }
    }
}
