using Analytics.Warehouse;
namespace Analytics.ReportApi.Access;

/// <summary>A stored API key: everything but the key itself, which only its holder has.</summary>
/// <param name="Regions">null: every region; otherwise the only regions the key sees.</param>
public sealed record ApiKey(long KeyId, string Name, string Role, IReadOnlyList<string>? Regions, string KeyPrefix, DateTime CreatedAt, DateTime? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}
