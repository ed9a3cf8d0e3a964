using Analytics.Warehouse;
using Analytics.Warehouse.Marts;

namespace Analytics.ReportApi.Hosting;

/// <summary>Opens the warehouse before the first request and makes sure the marts exist.</summary>
internal sealed class WarehouseStartup(WarehouseDatabase database, ILogger<WarehouseStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        using var connection = database.Connect();
        var martsBuilt = connection.Scalar<long>("select count(*) from information_schema.tables where table_schema = 'marts'");
        if (martsBuilt < MartBuilder.Models().Count)
        {
            new MartBuilder(connection).Refresh();
        }

        var files = connection.Scalar<long>("select count(*) from meta.load_batches where status = 'loaded'");
        logger.LogInformation("Warehouse {Path}: {Files} files loaded, data version {Version}", database.FilePath, files, database.DataVersion());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
