using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml;
using Analytics.ReportApi.Access;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace Analytics.Tests.Security;

/// <summary>
/// For every role and every entity set and navigation property the service's $metadata declares: a set read
/// directly, expanded into, filtered through with any(), followed by a navigation path, filtered on or grouped by
/// through a single-valued navigation (Account/Region), selected with its expansion, streamed as Arrow or
/// exported as CSV answers exactly what <see cref="AccessPolicy"/> says for each set the request reaches, each as if
/// requested directly: 200 (204 for a single entity that is not there) when every one is allowed, 403 otherwise.
/// A new set, navigation or role is covered without a new test.
/// </summary>
public sealed class RoleReachTests(CampaignBook company) : IClassFixture<CampaignBook>
{
    /// <summary>One request and the paths whose rules decide it: its own, then each set it reaches, at /odata/{Set}.</summary>
    private sealed record Reach(string Url, IReadOnlyList<string> Paths, string? Reached, bool MayBeEmpty);

    public static TheoryData<string> AllRoles() => [.. Roles.All];

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Every_set_and_navigation_answers_what_the_policy_says_for_each_set_reached(string role)
    {
        var model = await Model();
        var reaches = new List<Reach>();
        foreach (var set in model.EntityContainer.EntitySets())
        {
            var own = $"/odata/{set.Name}";
            reaches.Add(new(own, [own], null, false));
            reaches.Add(new($"/arrow/{set.Name}", [$"/arrow/{set.Name}"], null, false));
            reaches.Add(new($"/exports/{set.Name}.csv", [$"/exports/{set.Name}.csv"], null, false));
            var key = await KeyOf(set);
            foreach (var navigation in set.EntityType.NavigationProperties())
            {
                var target = set.FindNavigationTarget(navigation).Name;
                var reached = $"/odata/{target}";
                reaches.Add(new($"{own}?$expand={navigation.Name}", [own, reached], target, false));
                var path = $"{own}({key})/{navigation.Name}";
                reaches.Add(new(path, [path, reached], target, !navigation.Type.IsCollection()));
                if (navigation.Type.IsCollection())
                {
                    reaches.Add(new($"{own}?$filter={navigation.Name}/any()", [own, reached], target, false));
                }
                else
                {
                    var property = navigation.ToEntityType().Key().First().Name;
                    reaches.Add(new($"{own}?$filter={navigation.Name}/{property} ne null", [own, reached], target, false));
                    reaches.Add(new($"{own}?$apply=groupby(({navigation.Name}/{property}))", [own, reached], target, false));
                    reaches.Add(new($"{own}?$select={navigation.Name}&$expand={navigation.Name}", [own, reached], target, false));
                }
            }
        }

        var wrong = new List<string>();
        foreach (var reach in reaches)
        {
            var allowed = reach.Paths.All(p => AccessPolicy.Allows(p, "GET", role));
            var (status, body) = await company.Host.Get(reach.Url, (role, null));
            var right = allowed
                ? status == HttpStatusCode.OK || (reach.MayBeEmpty && status == HttpStatusCode.NoContent)
                : status == HttpStatusCode.Forbidden
                  && (reach.Reached is null || !AccessPolicy.Allows(reach.Paths[0], "GET", role) || body.Contains($"/odata/{reach.Reached}", StringComparison.Ordinal));
            if (!right)
            {
                wrong.Add($"{reach.Url}: {(allowed ? "allowed" : "forbidden")} by the policy, answered {(int)status} {body[..Math.Min(body.Length, 200)]}");
            }
        }

        Assert.True(wrong.Count == 0, $"{role}, {wrong.Count} of {reaches.Count} requests:\n{string.Join("\n", wrong)}");
        Assert.True(reaches.Count > 100, $"only {reaches.Count} requests: the model was not read");
    }

    private async Task<IEdmModel> Model()
    {
        var (status, body) = await company.Host.Get("/odata/$metadata");
        Assert.Equal(HttpStatusCode.OK, status);
        using var xml = XmlReader.Create(new StringReader(body));
        return CsdlReader.Parse(xml);
    }

    /// <summary>The key of the set's first row as an admin reads it, in OData key syntax; a made-up one when the set is empty.</summary>
    private async Task<string> KeyOf(IEdmEntitySet set)
    {
        var rows = (await company.Host.Json($"/odata/{set.Name}?$top=1")).GetProperty("value");
        var first = rows.GetArrayLength() > 0 ? rows[0] : (JsonElement?)null;
        var parts = set.EntityType.Key().Select(k => $"{k.Name}={Literal(k.Type, first?.GetProperty(k.Name))}").ToList();
        return parts.Count == 1 ? parts[0][(parts[0].IndexOf('=', StringComparison.Ordinal) + 1)..] : string.Join(",", parts);
    }

    private static string Literal(IEdmTypeReference type, JsonElement? value)
    {
        var kind = type.AsPrimitive().PrimitiveKind();
        if (kind == EdmPrimitiveTypeKind.String)
        {
            return "'" + (value?.GetString() ?? "none").Replace("'", "''", StringComparison.Ordinal) + "'";
        }

        if (value is { } v)
        {
            return v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();
        }

        return kind switch
        {
            EdmPrimitiveTypeKind.Date => "2000-01-01",
            EdmPrimitiveTypeKind.DateTimeOffset => "2000-01-01T00:00:00Z",
            EdmPrimitiveTypeKind.Boolean => "false",
            _ => 0.ToString(CultureInfo.InvariantCulture),
        };
    }
}
