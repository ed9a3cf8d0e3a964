using System.Globalization;
using System.Text;

namespace Analytics.Ingest.Demo;

/// <summary>
/// Rows of one canonical CSV file, built as UTF-8 in a reused buffer for one account and then copied to the
/// file. Encoding happens here, on the thread that simulated the account, and numbers and dates are formatted
/// by hand: ten million lines must cost neither ten million strings nor one thread encoding them all.
/// </summary>
internal sealed class CsvRows
{
    private byte[] _buffer = new byte[8192];
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

        if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            value = "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }

        _length += Encoding.UTF8.GetBytes(value, Space(Encoding.UTF8.GetMaxByteCount(value.Length)));
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
        Append("."u8);
        Digits((int)(cents % 100), 2);
        return this;
    }

    /// <summary>A fraction 0..1 held in basis points (1/10,000), written with four decimals.</summary>
    public CsvRows BasisPoints(int basisPoints)
    {
        Number(basisPoints / 10_000);
        Append("."u8);
        Digits(basisPoints % 10_000, 4);
        return this;
    }

    public CsvRows Flag(bool value)
    {
        Separator();
        Append(value ? "true"u8 : "false"u8);
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
            Append("T"u8);
            Digits(t.Hour, 2);
            Append(":"u8);
            Digits(t.Minute, 2);
            Append(":"u8);
            Digits(t.Second, 2);
            Append("+08:00"u8);
        }

        return this;
    }

    public void EndRow()
    {
        Append("\n"u8);
        _rowStarted = false;
        Count++;
    }

    /// <summary>Moves the rows built so far to <paramref name="file"/>.</summary>
    public void MoveTo(Stream file)
    {
        file.Write(_buffer, 0, _length);
        _length = 0;
    }

    private void AppendDate(int year, int month, int day)
    {
        Digits(year, 4);
        Append("-"u8);
        Digits(month, 2);
        Append("-"u8);
        Digits(day, 2);
    }

    private void Digits(int value, int width)
    {
        var span = Space(width);
        for (var i = width - 1; i >= 0; i--)
        {
            span[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        _length += width;
    }

    private void Append(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(Space(utf8.Length));
        _length += utf8.Length;
    }

    /// <summary>Room for at least <paramref name="size"/> more bytes at the end; the caller advances the length by what it used.</summary>
    private Span<byte> Space(int size)
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
            Append(","u8);
        }

        _rowStarted = true;
    }
}
