using Analytics.Warehouse;
using Microsoft.Extensions.Options;

namespace Analytics.ReportApi.Access;

/// <summary>
/// On a warehouse that has never had a key: stores the documented demo keys when the demo company is about to be
/// loaded (so it runs before <see cref="WarehouseStartup"/>), and creates an admin key, printed once in the log.
/// </summary>
internal sealed class KeyStartup(WarehouseDatabase database, IOptions<AnalyticsSettings> options, ILogger<KeyStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        using var connection = database.Connect();
        if (connection.Scalar<long>("select count(*) from access.api_keys") > 0)
        {
            return Task.CompletedTask;
        }

        if (database.LoadedFiles() == 0 && options.Value.DemoOnFirstRun)
        {
            DemoKeys.Store(connection);
            logger.LogInformation("Demo keys stored (demo only, listed in the README): {Keys}", string.Join(", ", DemoKeys.All.Select(k => k.Secret)));
        }

        var (key, secret) = ApiKeyStore.Create(connection, Roles.Admin, null, "first admin");
        logger.LogWarning("New warehouse: admin key {KeyId} created; it is shown only now, keep it: {Secret}", key.KeyId, secret);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
