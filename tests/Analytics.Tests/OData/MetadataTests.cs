using System.Xml.Linq;

namespace Analytics.Tests.OData;

/// <summary>$metadata tells clients the truth: read-only sets, countable, pageable, the filter functions and $apply transformations translated.</summary>
public sealed class MetadataTests(ODataBook book) : IClassFixture<ODataBook>
{
    private static readonly XNamespace Edm = "http://docs.oasis-open.org/odata/ns/edm";

    private async Task<XDocument> Metadata() =>
        XDocument.Parse(await book.Host.Client.GetStringAsync(new Uri("/odata/$metadata", UriKind.Relative)));

    // The term by its namespace or by the alias $metadata declares for it (Capabilities., Aggregation.).
    private static string? Annotation(XElement target, string term) =>
        target.Elements(Edm + "Annotation").SingleOrDefault(a => a.Attribute("Term")?.Value is { } t
            && (t == term || t == term.Replace("Org.OData.", "", StringComparison.Ordinal).Replace(".V1.", ".", StringComparison.Ordinal)))?.ToString(SaveOptions.DisableFormatting);

    [Fact]
    public async Task Every_set_says_it_is_read_only_countable_and_supports_the_apply_transformations_translated()
    {
        var sets = (await Metadata()).Descendants(Edm + "EntitySet").ToList();

        Assert.True(sets.Count >= 7);
        Assert.All(sets, set =>
        {
            Assert.Contains("Property=\"Insertable\" Bool=\"false\"", Annotation(set, "Org.OData.Capabilities.V1.InsertRestrictions"), StringComparison.Ordinal);
            Assert.Contains("Property=\"Countable\" Bool=\"true\"", Annotation(set, "Org.OData.Capabilities.V1.CountRestrictions"), StringComparison.Ordinal);
            Assert.Contains("Property=\"MaxLevels\" Int=\"1\"", Annotation(set, "Org.OData.Capabilities.V1.ExpandRestrictions"), StringComparison.Ordinal);
            var apply = Annotation(set, "Org.OData.Aggregation.V1.ApplySupported")!;
            Assert.Equal(["filter", "groupby", "aggregate", "compute"], XElement.Parse(apply).Descendants(Edm + "String").Select(s => s.Value));
        });
    }

    [Fact]
    public async Task Every_filter_function_the_metadata_names_is_translated()
    {
        var container = (await Metadata()).Descendants(Edm + "EntityContainer").Single();
        var functions = XElement.Parse(Annotation(container, "Org.OData.Capabilities.V1.FilterFunctions")!).Descendants(Edm + "String").Select(s => s.Value).ToList();

        Assert.Contains("contains", functions);
        foreach (var function in functions)
        {
            var call = function switch
            {
                "contains" or "startswith" or "endswith" or "indexof" or "concat" => $"{function}(Name,'a') ne null",
                "substring" => "substring(Name,1) ne null",
                "year" or "month" or "day" or "date" => $"{function}(CreatedOn) ne null",
                "hour" or "minute" or "second" or "time" => $"{function}(now()) ne null",
                "now" => "now() ne null",
                "round" or "floor" or "ceiling" => $"{function}(Level) ne null",
                _ => $"{function}(Name) ne null",
            };
            var (status, body) = await book.Host.Get($"/odata/Accounts?$filter={Uri.EscapeDataString(call)}");
            Assert.True(status == System.Net.HttpStatusCode.OK, $"{call}: {body}");
        }
    }
}
