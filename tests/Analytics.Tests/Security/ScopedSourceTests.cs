using Analytics.ReportApi.Access;
using Analytics.ReportApi.OData;
using Analytics.Warehouse;

namespace Analytics.Tests.Security;

/// <summary>
/// A set recomputed for region-limited keys (EntitySetDefinition.ScopedReport) must have exactly the columns and
/// types of the set itself: the OData model is built from the unscoped select, and a type that differed would be
/// written under the wrong EDM type. Checked for every such set of the catalog.
/// </summary>
public sealed class ScopedSourceTests(RegionBooks books) : IClassFixture<RegionBooks>
{
    [Fact]
    public void Every_scoped_report_has_the_columns_and_types_of_its_set()
    {
        var scoped = EntitySetCatalog.Sets.Where(s => s.ScopedReport is not null).ToList();
        Assert.NotEmpty(scoped);
        var scope = new AccessScope(Roles.Manager, [RegionBooks.East]);
        using var connection = books.First.Warehouse.Connect();
        foreach (var set in scoped)
        {
            var whole = Describe(connection, set.Source);
            var regional = Describe(connection, set.SourceFor(scope));
            Assert.NotEqual(set.Source, set.SourceFor(scope));
            Assert.True(whole.SequenceEqual(regional), $"{set.Name}: {string.Join(", ", whole)}\nscoped: {string.Join(", ", regional)}");
        }
    }

    private static List<string> Describe(DuckDB.NET.Data.DuckDBConnection connection, string select) =>
        connection.Rows($"describe {select}", r => $"{r.GetString(0)} {r.GetString(1)}");
}
