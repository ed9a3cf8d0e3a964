using System.Text.Json;
using Analytics.Tests.Support;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;

namespace Analytics.Tests.Groups;

/// <summary>
/// group_members as the refresh builds it: inside the refresh's transaction, right after the models before it, on a
/// book where no record names a parent (as a warehouse loaded before parents were read). There DuckDB once joined the
/// merge map to itself on master &lt;&gt; master before meeting the accounts, a nested loop over every pair of records:
/// at 100,000 accounts 10 billion pairs, and the refresh filled the disk with temporary files.
/// </summary>
public sealed class GroupMembersPlanTests
{
    [Fact]
    public void The_merge_map_is_never_paired_on_an_inequality_alone()
    {
        using var warehouse = new TestWarehouse();
        warehouse.LoadText("accounts.csv", """
            account_id,name,tax_id,region,city,created_on
            A1,甲公司,91310000PL0000001,华东,上海,2020-01-01
            A2,乙公司,91310000PL0000002,华东,上海,2020-01-01
            A3,丙公司,91310000PL0000003,华北,北京,2020-01-01
            """);
        warehouse.LoadText("orders.csv", """
            order_id,account_id,order_date,amount
            O1,A1,2025-01-15,100.00
            O2,A2,2025-02-15,200.00
            O3,A3,2025-03-15,300.00
            """);
        warehouse.RefreshMarts();

        using var connection = warehouse.Connect();
        using var transaction = connection.BeginTransaction();
        string? plan = null;
        foreach (var model in MartBuilder.Models())
        {
            if (model.Name == "group_members")
            {
                plan = connection.Rows($"explain (format json) {model.Sql}", r => r.GetString(1)).Single();
                break;
            }

            new MartBuilder(connection).Build(model);
        }

        var joins = new List<string>();
        InequalityJoins(JsonDocument.Parse(plan!).RootElement, joins);
        Assert.Empty(joins);
        Assert.Equal(0L, connection.Scalar<long>($"select count(*) from ({MartBuilder.Models().Single(m => m.Name == "group_members").Sql})"));
        transaction.Rollback();
    }

    /// <summary>Every join in the plan without equal keys whose condition compares with != (DuckDB's rendering of &lt;&gt;).</summary>
    private static void InequalityJoins(JsonElement node, List<string> found)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in node.EnumerateArray())
            {
                InequalityJoins(child, found);
            }

            return;
        }

        var name = node.TryGetProperty("name", out var n) || node.TryGetProperty("operator_name", out n) ? n.GetString() ?? "" : "";
        var info = node.TryGetProperty("extra_info", out var e) ? e.ToString() : "";
        // a hash join may test != beside its equal keys; a join keyed on nothing but != meets every pair
        if (name.Contains("JOIN", StringComparison.Ordinal) && name != "HASH_JOIN" && info.Contains("!=", StringComparison.Ordinal))
        {
            found.Add($"{name}: {info}");
        }

        if (node.TryGetProperty("children", out var children))
        {
            InequalityJoins(children, found);
        }
    }
}
