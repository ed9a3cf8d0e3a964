using Analytics.Warehouse;
namespace Analytics.Ingest.Loading;

/// <summary>What happens to a row whose parent (account, order, product, contract) is not in the warehouse yet.</summary>
public enum OrphanPolicy
{
    /// <summary>The row waits in staging.pending_rows and loads as soon as a later file brings its parent.</summary>
    Wait,

    /// <summary>The row is rejected with the reason "unknown account X".</summary>
    Reject,
}
