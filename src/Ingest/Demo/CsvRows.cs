using System.Globalization;

namespace Analytics.Ingest.Demo;

/// <summary>
/// Rows of one canonical CSV file, built in a reused buffer for one account and then copied to the file.
/// Formats by hand where it runs per order line: ten million lines must not cost ten million strings.
/// </summary>
internal sealed class CsvRows
{
    private char[] _buffer = new char[4096];
    private int _length;
    private bool _rowStarted;

    public long Count { get; private set; }

    public CsvRows Text(string? value)
    {
        Separator();
        if (value is null)
        {
            return this;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            Append(value);
        }
        else
        {
            Append("\"");
            Append(value.Replace("\"", "\"\"", StringComparison.Ordinal));
            Append("\"");
        }

        return this;
    }

    public CsvRows Number(long value)
    {
        Separator();
        value.TryFormat(Space(20), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    public CsvRows OptionalNumber(int? value) => value is { } v ? Number(v) : Text(null);

    /// <summary>Money and prices: always two decimals.</summary>
    public CsvRows Money(decimal value)
    {
        Separator();
        value.TryFormat(Space(32), out var written, "F2", CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    /// <summary>Money held in cents, written with two decimals.</summary>
    public CsvRows Cents(long cents)
    {
        Number(cents / 100);
        Append(".");
        Digits((int)(cents % 100), 2);
        return this;
    }

    /// <summary>A fraction 0..1 held in basis points (1/10,000), written with four decimals.</summary>
    public CsvRows BasisPoints(int basisPoints)
    {
        Number(basisPoints / 10_000);
        Append(".");
        Digits(basisPoints % 10_000, 4);
        return this;
    }

    public CsvRows Flag(bool value)
    {
        Separator();
        Append(value ? "true" : "false");
        return this;
    }

    public CsvRows Date(DateOnly? value)
    {
        Separator();
        if (value is { } d)
        {
            AppendDate(d.Year, d.Month, d.Day);
        }

        return this;
    }

    /// <summary>A local Asia/Shanghai time, written with its offset so no reader has to guess the zone.</summary>
    public CsvRows Stamp(DateTime? value)
    {
        Separator();
        if (value is { } t)
        {
            AppendDate(t.Year, t.Month, t.Day);
            Append("T");
            Digits(t.Hour, 2);
            Append(":");
            Digits(t.Minute, 2);
            Append(":");
            Digits(t.Second, 2);
            Append("+08:00");
        }

        return this;
    }

    public void EndRow()
    {
        Append("\n");
        _rowStarted = false;
        Count++;
    }

    /// <summary>Moves the rows built so far to <paramref name="writer"/>.</summary>
    public void MoveTo(TextWriter writer)
    {
        writer.Write(_buffer, 0, _length);
        _length = 0;
    }

    private void AppendDate(int year, int month, int day)
    {
        Digits(year, 4);
        Append("-");
        Digits(month, 2);
        Append("-");
        Digits(day, 2);
    }

    private void Digits(int value, int width)
    {
        var span = Space(width);
        for (var i = width - 1; i >= 0; i--)
        {
            span[i] = (char)('0' + (value % 10));
            value /= 10;
        }

        _length += width;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        text.CopyTo(Space(text.Length));
        _length += text.Length;
    }

    /// <summary>Room for at least <paramref name="size"/> more characters at the end; the caller advances the length by what it used.</summary>
    private Span<char> Space(int size)
    {
        if (_length + size > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + size));
        }

        return _buffer.AsSpan(_length);
    }

    private void Separator()
    {
        if (_rowStarted)
        {
            Append(",");
        }

        _rowStarted = true;
    }
}
