using Analytics.Ingest;
using Analytics.Ingest.Loading;
using Analytics.Tests.Support;
using Analytics.Warehouse;

namespace Analytics.Tests.Cdnow;

/// <summary>
/// The CDNOW transaction files (shared/datasets/cdnow_lifetimes) and their mappings. The files hold bare
/// transactions: the customers exist only as ids in them. So the transactions load first and wait for their
/// accounts, and the accounts file lists the ids the waiting rows name, as a user would do with analytics query.
/// </summary>
internal static class CdnowFiles
{
    public static string Sample => Path.Combine(TestPaths.Dataset("cdnow_lifetimes"), "CDNOW_sample.txt");

    public static string Master => Path.Combine(TestPaths.Dataset("cdnow_lifetimes"), "CDNOW_master.txt");

    public static string Mapping(string name) => Path.Combine(AppContext.BaseDirectory, "Cdnow", name);

    public const string WaitingAccountsSql = """
        select account_id, 'CDNOW customer ' || account_id as name
        from (select distinct raw_row->>'account_id' as account_id from staging.pending_rows where entity = 'orders')
        order by account_id
        """;

    /// <summary>Loads the transactions through the mapping, then the accounts they wait for; returns both reports.</summary>
    public static (LoadReport Orders, LoadReport Accounts) Load(TestWarehouse warehouse, string file, string mapping)
    {
        var orders = warehouse.Load(file, new LoadOptions(MappingPath: Mapping(mapping)));
        var accountsFile = warehouse.Folder.File("accounts_cdnow.csv");
        using (var connection = warehouse.Connect())
        {
            connection.Execute($"copy ({WaitingAccountsSql}) to {SqlExtensions.Literal(accountsFile)} (header)");
        }

        return (orders, warehouse.Load(accountsFile));
    }
}
