namespace Analytics.Warehouse;

/// <summary>The values of one statement, bound as $1, $2...: no value from a request is ever spliced into SQL text.</summary>
public sealed class SqlParameters
{
    private readonly List<object?> _values = [];

    /// <summary>How many values so far (a statement can be cut back to the parameters its first part used).</summary>
    public int Count => _values.Count;

    public string Add(object? value)
    {
        _values.Add(value);
        return "$" + _values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A parenthesised list of new parameters, for <c>in (...)</c>.</summary>
    public string List<T>(IEnumerable<T> values) => "(" + string.Join(", ", values.Select(v => Add(v))) + ")";

    /// <summary>The values to bind; the first <paramref name="count"/> only when given.</summary>
    public object?[] ToArray(int? count = null) => [.. _values.Take(count ?? _values.Count)];
}
