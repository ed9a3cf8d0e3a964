using Analytics.ReportApi.Access;

namespace Analytics.ReportApi.Cli;

/// <summary>Where the keys verb does its work: the warehouse file, or the running service that holds it.</summary>
internal interface IKeys
{
    Task<(ApiKey Key, string Secret)> Create(string role, IReadOnlyList<string>? regions, string name);

    Task<IReadOnlyList<ApiKey>> List();

    /// <summary>false: no such key, or revoked already.</summary>
    Task<bool> Revoke(long keyId);
}
