using System.Buffers.Binary;

namespace Analytics.ReportApi.Dashboard;

/// <summary>
/// /favicon.ico, which every browser asks for on every page: a 16 x 16 icon (three rising bars), drawn here rather
/// than shipped as a file. Open to anyone (the access policy names it), since a browser asks before it has signed in.
/// </summary>
internal static class Favicon
{
    private const int Size = 16;

    public static byte[] Icon { get; } = Draw();

    /// <summary>An ICO file holding one 32-bit bitmap: directory, entry, bitmap header, pixels (bottom row first), mask.</summary>
    private static byte[] Draw()
    {
        const int headerSize = 6 + 16;
        const int bitmapInfoSize = 40;
        const int pixelBytes = Size * Size * 4;
        const int maskBytes = Size * 4; // one bit per pixel, rows padded to 32 bits; all clear: the alpha channel decides
        const int imageSize = bitmapInfoSize + pixelBytes + maskBytes;
        var icon = new byte[headerSize + imageSize];
        var span = icon.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], 1); // type: icon
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], 1); // one image
        icon[6] = Size;
        icon[7] = Size;
        BinaryPrimitives.WriteUInt16LittleEndian(span[10..], 1); // planes
        BinaryPrimitives.WriteUInt16LittleEndian(span[12..], 32); // bits per pixel
        BinaryPrimitives.WriteInt32LittleEndian(span[14..], imageSize);
        BinaryPrimitives.WriteInt32LittleEndian(span[18..], headerSize);

        var bitmap = span[headerSize..];
        BinaryPrimitives.WriteInt32LittleEndian(bitmap, bitmapInfoSize);
        BinaryPrimitives.WriteInt32LittleEndian(bitmap[4..], Size);
        BinaryPrimitives.WriteInt32LittleEndian(bitmap[8..], Size * 2); // the colours and the mask, stacked
        BinaryPrimitives.WriteUInt16LittleEndian(bitmap[12..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(bitmap[14..], 32);
        BinaryPrimitives.WriteInt32LittleEndian(bitmap[20..], pixelBytes + maskBytes);

        var pixels = bitmap[bitmapInfoSize..];
        for (var row = 0; row < Size; row++)
        {
            for (var column = 0; column < Size; column++)
            {
                // Bars 3 pixels wide at columns 3, 7 and 11, rising 6, 9 and 12 pixels from row 2.
                var bar = column % 4 != 2 && column is >= 3 and <= 13 ? (column - 3) / 4 : -1;
                var inBar = bar >= 0 && row >= 2 && row < 2 + 6 + (bar * 3);
                // BGRA: white bars on the dashboard's blue.
                ReadOnlySpan<byte> colour = inBar ? [0xFF, 0xFF, 0xFF, 0xFF] : [0x5F, 0x3A, 0x1F, 0xFF];
                colour.CopyTo(pixels[(((row * Size) + column) * 4)..]);
            }
        }

        return icon;
    }
}
