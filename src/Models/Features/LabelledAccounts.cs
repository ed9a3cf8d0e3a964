using System.Text.Json;
using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Models.Features;

/// <summary>A master account's attributes and its churn label as of marts.as_of (null: the export gives none).</summary>
public sealed record LabelledAccount(string AccountId, IReadOnlyDictionary<string, string?> Attributes, bool? Churned);

/// <summary>
/// Where churn.definition is label: each master account (ordered by id, so splits are stable) with its attributes and
/// its label: churned when its churned_on is on or before as_of, else the export's churned flag.
/// </summary>
public static class LabelledAccounts
{
    public static IReadOnlyList<LabelledAccount> Read(DuckDBConnection connection) =>
        connection.Rows(
            """
            select a.account_id, a.attributes::varchar as attributes,
                case when a.churned_on is not null then a.churned_on <= (select as_of_date from marts.as_of) else a.churned end as churned
            from core.accounts a join marts.account_merge_map m using (account_id)
            where m.is_master
            order by a.account_id
            """,
            r => new LabelledAccount(r.Get<string>("account_id"), Parse(r.GetOrNull<string>("attributes")), r.Get<bool?>("churned")));

    public static bool IsLabelDefinition(DuckDBConnection connection) =>
        connection.Scalar<string>("select value from meta.settings where key = 'churn.definition'") == "label";

    /// <summary>Whether any order is loaded: with none, a label can only be learned from the attributes.</summary>
    public static bool HasOrders(DuckDBConnection connection) => connection.Scalar<bool>("select exists (select 1 from core.orders)");

    private static Dictionary<string, string?> Parse(string? json)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (json is null)
        {
            return values;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            values[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => property.Value.GetString(),
                _ => property.Value.GetRawText(),
            };
        }

        return values;
    }
}
