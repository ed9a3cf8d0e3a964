using System.Globalization;
using System.Text;

namespace Analytics.Ingest.Demo;

/// <summary>
/// Rows of one canonical CSV file, built in memory for one account and then copied to the file.
/// Formats by hand where it runs per order line: ten million lines must not cost ten million strings.
/// </summary>
internal sealed class CsvRows
{
    private readonly StringBuilder _text = new(1024);
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
            _text.Append(value);
        }
        else
        {
            _text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        return this;
    }

    public CsvRows Number(long value)
    {
        Separator();
        Span<char> buffer = stackalloc char[20];
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        _text.Append(buffer[..written]);
        return this;
    }

    public CsvRows OptionalNumber(int? value) => value is { } v ? Number(v) : Text(null);

    /// <summary>Money and prices: always two decimals.</summary>
    public CsvRows Money(decimal value) => Decimal(value, "F2");

    /// <summary>A discount as a fraction 0..1, four decimals.</summary>
    public CsvRows Fraction(decimal value) => Decimal(value, "F4");

    public CsvRows Flag(bool value)
    {
        Separator();
        _text.Append(value ? "true" : "false");
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
            _text.Append('T');
            Digits(t.Hour, 2);
            _text.Append(':');
            Digits(t.Minute, 2);
            _text.Append(':');
            Digits(t.Second, 2);
            _text.Append("+08:00");
        }

        return this;
    }

    public void EndRow()
    {
        _text.Append('\n');
        _rowStarted = false;
        Count++;
    }

    /// <summary>Moves the rows built so far to <paramref name="writer"/>.</summary>
    public void MoveTo(TextWriter writer)
    {
        writer.Write(_text);
        _text.Clear();
    }

    private CsvRows Decimal(decimal value, string format)
    {
        Separator();
        Span<char> buffer = stackalloc char[32];
        value.TryFormat(buffer, out var written, format, CultureInfo.InvariantCulture);
        _text.Append(buffer[..written]);
        return this;
    }

    private void AppendDate(int year, int month, int day)
    {
        Digits(year, 4);
        _text.Append('-');
        Digits(month, 2);
        _text.Append('-');
        Digits(day, 2);
    }

    private void Digits(int value, int width)
    {
        Span<char> buffer = stackalloc char[width];
        for (var i = width - 1; i >= 0; i--)
        {
            buffer[i] = (char)('0' + (value % 10));
            value /= 10;
        }

        _text.Append(buffer);
    }

    private void Separator()
    {
        if (_rowStarted)
        {
            _text.Append(',');
        }

        _rowStarted = true;
    }
}
