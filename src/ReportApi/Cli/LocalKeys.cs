using Analytics.ReportApi.Access;

namespace Analytics.ReportApi.Cli;

/// <summary>The keys in the warehouse file this process opened.</summary>
internal sealed class LocalKeys(DuckDB.NET.Data.DuckDBConnection connection) : IKeys
{
    public Task<(ApiKey Key, string Secret)> Create(string role, IReadOnlyList<string>? regions, string name) =>
        Task.FromResult(ApiKeyStore.Create(connection, role, regions, name));

    public Task<IReadOnlyList<ApiKey>> List() => Task.FromResult(ApiKeyStore.List(connection));

    public Task<bool> Revoke(long keyId) => Task.FromResult(ApiKeyStore.Revoke(connection, keyId));
}
