using Analytics.Tests.OData;
using Analytics.Warehouse;

namespace Analytics.Tests.Security;

/// <summary>
/// The OData test company (<see cref="ODataBook"/>) with one frozen campaign whose members are A1 (华东) and A2
/// (North): what marketing may read, and from where navigation would lead to accounts, orders, tickets and contracts.
/// </summary>
public sealed class CampaignBook : IDisposable
{
    public ODataBook Book { get; } = new();

    public ODataHost Host => Book.Host;

    public CampaignBook()
    {
        using var connection = Book.Warehouse.Connect();
        connection.Execute("""
            insert into campaigns.campaigns (campaign_id, name, target_id, rule, frozen_on, frozen_at, regions, control_fraction, control_seed, created_by)
            values (1, 'spring', null, '{}', date '2025-01-01', timestamptz '2025-01-01 00:00:00+00', null, 0.1, 7, 'test')
            """);
        connection.Execute("""
            insert into campaigns.campaign_members (campaign_id, account_id, is_control, name, region, revenue_12m)
            values (1, 'A1', false, '华东机械有限公司', '华东', 17096.90), (1, 'A2', false, 'O''Brien & Co', 'North', 949.05)
            """);
    }

    public void Dispose() => Book.Dispose();
}
