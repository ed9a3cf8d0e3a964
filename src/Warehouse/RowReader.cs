using System.Data.Common;

namespace Analytics.Warehouse;

/// <summary>
/// Reads a row's columns by name, never by position: a column added to a select, or two swapped, cannot shift a
/// value into another field. The conversions are DuckDB.NET's own <see cref="DbDataReader.GetFieldValue{T}"/>
/// (DATE to DateOnly or DateTime, TIMESTAMPTZ to DateTimeOffset at offset zero, BIGINT to int, HUGEINT to long,
/// VARCHAR[] to List&lt;string&gt;); a failing read names its column.
/// </summary>
/// <remarks>
/// Null: <c>Get&lt;long?&gt;</c> (any nullable value type) gives null; <c>GetOrNull&lt;string&gt;</c> for a
/// reference type. <c>Get</c> of a reference or plain value type throws on null, so a <c>not null</c> that no
/// longer holds is an error, not an empty string or a 0.
/// </remarks>
public static class RowReader
{
    public static T Get<T>(this DbDataReader reader, string column)
    {
        var ordinal = reader.Ordinal(column);
        if (reader.IsDBNull(ordinal))
        {
            return Nullable.GetUnderlyingType(typeof(T)) is not null
                ? default!
                : throw new InvalidCastException($"The column '{column}' is null; read it as a nullable {typeof(T).Name}.");
        }

        return reader.Read<T>(ordinal, column);
    }

    public static T? GetOrNull<T>(this DbDataReader reader, string column)
        where T : class
    {
        var ordinal = reader.Ordinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.Read<T>(ordinal, column);
    }

    /// <summary>The position of <paramref name="column"/>; an error naming it and the columns there are when there is none.</summary>
    public static int Ordinal(this DbDataReader reader, string column)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            return reader.GetOrdinal(column);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or DbException)
        {
            throw new InvalidOperationException(
                $"The query has no column '{column}'; its columns are {string.Join(", ", Names(reader))}.", e);
        }
    }

    /// <summary>Fails when two columns share a name: by name, the second could never be read.</summary>
    public static void RequireUniqueNames(this DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in Names(reader))
        {
            if (!seen.Add(name))
            {
                throw new InvalidOperationException($"The query has two columns named '{name}'; alias one of them.");
            }
        }
    }

    private static T Read<T>(this DbDataReader reader, int ordinal, string column)
    {
        try
        {
            return reader.GetFieldValue<T>(ordinal);
        }
        catch (InvalidCastException e)
        {
            throw new InvalidCastException(
                $"The column '{column}' ({reader.GetDataTypeName(ordinal)}) cannot be read as {typeof(T).Name}: {e.Message}", e);
        }
    }

    private static IEnumerable<string> Names(DbDataReader reader) =>
        Enumerable.Range(0, reader.FieldCount).Select(reader.GetName);
}
