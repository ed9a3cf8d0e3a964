using System.Text;
using Analytics.Warehouse;

namespace Analytics.Ingest.Formats;

/// <summary>
/// DuckDB reads UTF-8 only here (no extensions can be installed), so text in another declared
/// encoding (GB18030, GBK...) is re-encoded to a UTF-8 temp file in one streaming pass first.
/// </summary>
public static class TextEncodings
{
    static TextEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static bool IsUtf8(string? declared) =>
        declared is null || declared.Replace("-", "", StringComparison.Ordinal).Equals("utf8", StringComparison.OrdinalIgnoreCase);

    public static string ToUtf8TempFile(string path, string declared)
    {
        Encoding encoding;
        try
        {
            encoding = Encoding.GetEncoding(declared, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            throw new WarehouseException($"The encoding '{declared}' is not known.");
        }

        var target = Path.Combine(Path.GetTempPath(), $"analytics-{Guid.NewGuid():N}.csv");
        try
        {
            using var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 20);
            using var writer = new StreamWriter(target, false, new UTF8Encoding(false), bufferSize: 1 << 20);
            var buffer = new char[1 << 20];
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                writer.Write(buffer, 0, read);
            }
        }
        catch (DecoderFallbackException e)
        {
            File.Delete(target);
            throw new WarehouseException($"The file is not valid {declared} text (byte {e.Index} of a chunk cannot be decoded).", e);
        }

        return target;
    }
}
