using System.Text.Json;

namespace Analytics.ReportApi.Accounts;

/// <summary>The what-if request: <c>{"changes":{"FEATURE":number,...}}</c>. Anything else is refused with a sentence.</summary>
internal sealed record WhatIfBody(IReadOnlyDictionary<string, double> Changes)
{
    public static async Task<(IReadOnlyDictionary<string, double>? Changes, string? Error)> ReadAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string Shape = "The body must be JSON like {\"changes\":{\"sla_breaches_90d\":0}}";
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Object)
            {
                return (null, Shape + ".");
            }

            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var change in changes.EnumerateObject())
            {
                if (change.Value.ValueKind != JsonValueKind.Number || !change.Value.TryGetDouble(out var value))
                {
                    return (null, $"The new value of '{change.Name}' must be a number, not {change.Value.GetRawText()}.");
                }

                values[change.Name] = value;
            }

            return (values, null);
        }
        catch (JsonException)
        {
            return (null, Shape + "; it is not JSON.");
        }
    }
}
