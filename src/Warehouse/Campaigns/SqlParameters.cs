namespace Analytics.Warehouse.Campaigns;

/// <summary>Positional parameters of one statement: each value added gets the next <c>$n</c>.</summary>
public sealed class SqlParameters
{
    private readonly List<object?> _values = [];

    public string Add(object? value)
    {
        _values.Add(value);
        return "$" + _values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public string List<T>(IEnumerable<T> values) => "(" + string.Join(", ", values.Select(v => Add(v))) + ")";

    public object?[] Values => [.. _values];
}
