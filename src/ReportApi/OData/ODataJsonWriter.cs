using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Microsoft.OData.Edm;

namespace Analytics.ReportApi.OData;

/// <summary>
/// Writes OData JSON (minimal metadata) straight from the rows DuckDB returned: @odata.context, @odata.count, value,
/// and @odata.nextLink (errors: <see cref="ODataError"/>). Dates are Edm.Date text, timestamps UTC Edm.DateTimeOffset, decimals exact
/// numbers (or strings when the client asks for IEEE754Compatible=true, as JavaScript clients do).
/// </summary>
internal sealed class ODataJsonWriter(Utf8JsonWriter json, bool ieee754Compatible)
{
    public const string ContentType = ODataError.ContentType;

    public void Collection(string context, ODataPage page)
    {
        json.WriteStartObject();
        json.WriteString("@odata.context", context);
        if (page.Count is { } count)
        {
            WriteInt64("@odata.count", count);
        }

        json.WritePropertyName("value");
        json.WriteStartArray();
        foreach (var row in page.Rows)
        {
            Entity(page, row, context: null);
        }

        json.WriteEndArray();
        if (page.NextLink is { } next)
        {
            json.WriteString("@odata.nextLink", next.AbsoluteUri);
        }

        json.WriteEndObject();
    }

    public void Entity(ODataPage page, object?[] row, string? context)
    {
        json.WriteStartObject();
        if (context is not null)
        {
            json.WriteString("@odata.context", context);
        }

        Properties(page.Fetched, page.Written, row, "");

        foreach (var expansion in page.Expansions)
        {
            json.WritePropertyName(expansion.Name);
            var related = row[expansion.ParentColumn] is { } link && expansion.ByParentValue.TryGetValue(link, out var rows) ? rows : [];
            if (expansion.IsCollection)
            {
                json.WriteStartArray();
                foreach (var child in related)
                {
                    Entity(expansion.Children, child, context: null);
                }

                json.WriteEndArray();
            }
            else if (related.Count > 0)
            {
                Entity(expansion.Children, related[0], context: null);
            }
            else
            {
                json.WriteNullValue();
            }
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// The written columns under <paramref name="prefix"/>: a column named by a navigation path (Account/Region, a
    /// groupby key) goes into an object named by the navigation, as OData's aggregation answers nest it.
    /// </summary>
    private void Properties(IReadOnlyList<RelationColumn> columns, IEnumerable<int> written, object?[] row, string prefix)
    {
        var nested = new HashSet<string>(StringComparer.Ordinal);
        foreach (var i in written)
        {
            var name = columns[i].Name[prefix.Length..];
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                json.WritePropertyName(name);
                Value(columns[i].Kind, row[i]);
            }
            else if (nested.Add(name[..slash]))
            {
                var inner = prefix + name[..(slash + 1)];
                json.WritePropertyName(name[..slash]);
                json.WriteStartObject();
                Properties(columns, written.Where(j => columns[j].Name.StartsWith(inner, StringComparison.Ordinal)), row, inner);
                json.WriteEndObject();
            }
        }
    }

    private void WriteInt64(string name, long value)
    {
        if (ieee754Compatible)
        {
            json.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNumber(name, value);
        }
    }

    private void Value(EdmPrimitiveTypeKind kind, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case int or short or byte or sbyte or ushort:
                json.WriteNumberValue(Convert.ToInt32(value, CultureInfo.InvariantCulture));
                break;
            case long number when ieee754Compatible:
                json.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                break;
            case long number:
                json.WriteNumberValue(number);
                break;
            case uint or ulong or BigInteger or Int128 or UInt128:
                var integer = Convert.ToString(value, CultureInfo.InvariantCulture)!;
                if (ieee754Compatible)
                {
                    json.WriteStringValue(integer);
                }
                else
                {
                    json.WriteRawValue(integer);
                }

                break;
            case decimal number when ieee754Compatible:
                json.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                break;
            case decimal number:
                json.WriteNumberValue(number);
                break;
            case double or float:
                var real = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(real))
                {
                    json.WriteNumberValue(real);
                }
                else
                {
                    json.WriteStringValue(double.IsNaN(real) ? "NaN" : real > 0 ? "INF" : "-INF");
                }

                break;
            case DateOnly date:
                json.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case DateTime instant when kind == EdmPrimitiveTypeKind.Date:
                json.WriteStringValue(instant.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case DateTime instant:
                json.WriteStringValue(instant.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z");
                break;
            case DateTimeOffset instant:
                json.WriteStringValue(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z");
                break;
            case TimeOnly time:
                json.WriteStringValue(time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'));
                break;
            case TimeSpan time:
                json.WriteStringValue(time.ToString(@"hh\:mm\:ss\.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'));
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
