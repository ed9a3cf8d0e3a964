using System.Globalization;
using Analytics.Warehouse;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Analytics.Ingest.Formats;

/// <summary>Reads an Arrow IPC file or stream batch by batch and yields each row as text (DuckDB here has no Arrow reader).</summary>
public sealed class ArrowRows : IDisposable
{
    private readonly Stream _stream;
    private readonly ArrowStreamReader _reader;

    public IReadOnlyList<string> Columns { get; }

    public ArrowRows(string path)
    {
        _stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[6];
        var isFile = _stream.Read(magic) == 6 && magic.SequenceEqual("ARROW1"u8);
        _stream.Position = 0;
        try
        {
            _reader = isFile ? new ArrowFileReader(_stream) : new ArrowStreamReader(_stream);
            Columns = _reader.Schema.FieldsList.Select(f => f.Name).ToList();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or InvalidOperationException)
        {
            _stream.Dispose();
            throw new WarehouseException($"The file is not readable as Arrow IPC: {e.Message}", e);
        }
    }

    public IEnumerable<string?[]> Rows()
    {
        RecordBatch? batch;
        while ((batch = _reader.ReadNextRecordBatch()) is not null)
        {
            using (batch)
            {
                for (var row = 0; row < batch.Length; row++)
                {
                    var values = new string?[batch.ColumnCount];
                    for (var column = 0; column < batch.ColumnCount; column++)
                    {
                        values[column] = Text(batch.Column(column), row);
                    }

                    yield return values;
                }
            }
        }
    }

    private static string? Text(IArrowArray array, int index)
    {
        if (array.IsNull(index))
        {
            return null;
        }

        var c = CultureInfo.InvariantCulture;
        return array switch
        {
            StringArray a => a.GetString(index),
            LargeStringArray a => a.GetString(index),
            Int8Array a => a.GetValue(index)?.ToString(c),
            Int16Array a => a.GetValue(index)?.ToString(c),
            Int32Array a => a.GetValue(index)?.ToString(c),
            Int64Array a => a.GetValue(index)?.ToString(c),
            UInt8Array a => a.GetValue(index)?.ToString(c),
            UInt16Array a => a.GetValue(index)?.ToString(c),
            UInt32Array a => a.GetValue(index)?.ToString(c),
            UInt64Array a => a.GetValue(index)?.ToString(c),
            FloatArray a => a.GetValue(index)?.ToString("R", c),
            DoubleArray a => a.GetValue(index)?.ToString("R", c),
            Decimal128Array a => a.GetValue(index)?.ToString(c),
            BooleanArray a => a.GetValue(index) is { } b ? (b ? "true" : "false") : null,
            Date32Array a => a.GetDateOnly(index)?.ToString("yyyy-MM-dd", c),
            Date64Array a => a.GetDateOnly(index)?.ToString("yyyy-MM-dd", c),
            TimestampArray a => Timestamp(a, index),
            _ => throw new WarehouseException($"Arrow column type {array.Data.DataType.Name} is not supported; send it as text, number, date or timestamp."),
        };
    }

    // A timestamp column without a zone holds local times: they keep no offset, so the account's zone applies.
    private static string? Timestamp(TimestampArray array, int index)
    {
        var value = array.GetTimestamp(index);
        var hasZone = !string.IsNullOrEmpty(((Apache.Arrow.Types.TimestampType)array.Data.DataType).Timezone);
        return value?.ToString(hasZone ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz" : "yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }
}
