using System.Net;
using System.Text.Json;
using System.Xml;
using Analytics.ReportApi.Access;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace Analytics.Tests.Security;

/// <summary>
/// Row-level security through every way a request reaches related rows, as a property over the model the service
/// declares: for every entity set and every navigation property in $metadata, a key limited to the East reads the
/// same through <c>$expand</c>, <c>any()</c>, a navigation path from each of its entities, an <c>$apply</c>
/// aggregate, and a $filter and a groupby on every property a single-valued navigation reaches (Account/Region) in two books that differ only outside the East. Whatever it reads through a path, no other region's
/// data shows in it. A new set or navigation is covered without a new test.
/// </summary>
public sealed class RegionReachTests(RegionBooks books) : IClassFixture<RegionBooks>
{
    /// <summary>How many of a set's East entities each navigation path is followed from (all of them in this small book).</summary>
    private const int EntitiesPerSet = 20;

    [Fact]
    public async Task Every_expand_any_navigation_path_and_aggregate_reads_the_same_for_an_east_key_whatever_other_regions_hold()
    {
        var model = await Model();
        var urls = new List<string>();
        // The sets an East manager may not read at all are refused by every route (RegionScopeTests).
        var sets = model.EntityContainer.EntitySets().Where(s => AccessPolicy.Allows($"/odata/{s.Name}", "GET", Roles.Manager)).ToList();
        foreach (var set in sets)
        {
            var own = $"/odata/{set.Name}";
            urls.Add($"{own}?$apply=aggregate($count as Rows)");
            var keys = (await RegionBook.Rows(books.First.EastManager(), own)).Take(EntitiesPerSet).Select(r => Key(set.EntityType, r)).ToList();
            foreach (var navigation in set.EntityType.NavigationProperties())
            {
                urls.Add($"{own}?$expand={navigation.Name}");
                if (navigation.Type.IsCollection())
                {
                    urls.Add($"{own}?$filter={navigation.Name}/any()");
                    urls.Add($"{own}?$filter={navigation.Name}/any()&$count=true&$top=0");
                }

                urls.AddRange(keys.Select(key => $"{own}({key})/{navigation.Name}"));
                if (!navigation.Type.IsCollection())
                {
                    // Every property the navigation reaches, filtered on and grouped by through the path.
                    foreach (var property in navigation.ToEntityType().StructuralProperties())
                    {
                        urls.Add($"{own}?$filter={navigation.Name}/{property.Name} ne null&$count=true");
                        urls.Add($"{own}?$apply=groupby(({navigation.Name}/{property.Name}),aggregate($count as Rows))");
                    }
                }
            }
        }

        var differing = new List<string>();
        foreach (var url in urls)
        {
            var first = await Read(books.First, url);
            var second = await Read(books.Second, url);
            if (first != second)
            {
                differing.Add($"{url}:\n  {first}\n  {second}");
            }
        }

        Assert.True(differing.Count == 0, $"{differing.Count} of {urls.Count} reads depend on other regions' data:\n{string.Join("\n", differing)}");
        // The model was read (every set has its aggregate, every navigation its expand) and paths were followed.
        Assert.True(urls.Count(u => u.Contains("$expand=", StringComparison.Ordinal)) == sets.Sum(s => s.EntityType.NavigationProperties().Count()));
        Assert.True(urls.Count(u => u.Contains(")/", StringComparison.Ordinal)) > 10, "few navigation paths: the East's entities were not read");
        Assert.True(urls.Count(u => u.Contains("groupby((Account/Region)", StringComparison.Ordinal)) >= 4, "the paths through single-valued navigations were not read");
    }

    private static async Task<string> Read(RegionBook book, string url)
    {
        using var client = book.EastManager();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent, $"{url}: {(int)response.StatusCode} {body}");
        return $"{(int)response.StatusCode} {body}";
    }

    private async Task<IEdmModel> Model()
    {
        using var client = books.First.Admin();
        using var xml = XmlReader.Create(new StringReader(await RegionBook.Text(client, "/odata/$metadata")));
        return CsdlReader.Parse(xml);
    }

    /// <summary>The entity's key in OData key syntax: <c>'KA1'</c>, or <c>A='x',B=2</c> for a composite key.</summary>
    private static string Key(IEdmEntityType type, JsonElement row)
    {
        var parts = type.Key().Select(k => (k.Name, Value: Literal(row.GetProperty(k.Name), k.Type))).ToList();
        return parts.Count == 1 ? parts[0].Value : string.Join(",", parts.Select(p => $"{p.Name}={p.Value}"));
    }

    private static string Literal(JsonElement value, IEdmTypeReference type) =>
        type.AsPrimitive().PrimitiveKind() == EdmPrimitiveTypeKind.String
            ? "'" + Uri.EscapeDataString(value.GetString()!.Replace("'", "''", StringComparison.Ordinal)) + "'"
            : value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
