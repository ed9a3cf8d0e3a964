using System.Text;

namespace Analytics.ReportApi.Charts;

/// <summary>
/// Skia's SVG writer turns each drawn glyph back into a character, and where the CJK font draws a radical and an
/// ideograph with one glyph it writes the radical: 户 comes out as ⼾ (U+2F3E), 长 as ⻓ (U+2ED3). The picture is
/// the same, but the text would not match a search or a screen reader. Every radical that shares its glyph with an
/// ideograph in the font is put back as that ideograph.
/// </summary>
internal static class SvgText
{
    private static readonly Dictionary<char, char> Radicals = BuildRadicalMap();

    public static string Restore(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        var text = new StringBuilder(svg);
        for (var i = 0; i < text.Length; i++)
        {
            if (Radicals.TryGetValue(text[i], out var ideograph))
            {
                text[i] = ideograph;
            }
        }

        return text.ToString();
    }

    private static Dictionary<char, char> BuildRadicalMap()
    {
        using var typeface = SkiaSharp.SKTypeface.FromFamilyName(ChartRenderer.FontFamily);
        var byGlyph = new Dictionary<ushort, char>();
        for (var c = '\u4E00'; c <= '\u9FFF'; c++)
        {
            var glyph = typeface.GetGlyph(c);
            if (glyph != 0)
            {
                byGlyph.TryAdd(glyph, c);
            }
        }

        var map = new Dictionary<char, char>();
        for (var c = '\u2E80'; c <= '\u2FDF'; c++)
        {
            if (typeface.GetGlyph(c) is var glyph and not 0 && byGlyph.TryGetValue(glyph, out var ideograph))
            {
                map[c] = ideograph;
            }
        }

        return map;
    }
}
