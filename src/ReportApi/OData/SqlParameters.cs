namespace Analytics.ReportApi.OData;

/// <summary>The values of one statement, bound as $1, $2...: no value from a request is ever spliced into SQL text.</summary>
internal sealed class SqlParameters
{
    private readonly List<object?> _values = [];

    public IReadOnlyList<object?> Values => _values;

    public string Add(object? value)
    {
        _values.Add(value);
        return "$" + _values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public object?[] ToArray() => [.. _values];
}
