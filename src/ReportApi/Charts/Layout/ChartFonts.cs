using ScottPlot;
using SkiaSharp;

namespace Analytics.ReportApi.Charts.Layout;

/// <summary>The CJK font every text of a chart is set in, and how much room a text takes in it.</summary>
internal static class ChartFonts
{
    /// <summary>
    /// ScottPlot's own font lookup finds no CJK font on Linux and draws Chinese as boxes; naming the family
    /// (Debian's fonts-noto-cjk, installed by test.sh) makes PNG and SVG both show it.
    /// </summary>
    public const string Family = "Noto Sans CJK SC";

    private static readonly SKTypeface Typeface = SKTypeface.FromFamilyName(Family);

    /// <summary>
    /// ScottPlot places a label by its font's lowest possible descender, not its baseline (ScottPlot issues 5036,
    /// 5213); Noto Sans CJK's reaches far down (bottom 1.05 em against a descent of 0.29 em), so every label
    /// would sit that much too high and legend entries get clipped. Labels are moved down by the difference.
    /// </summary>
    private static readonly float DescenderShift = MeasureDescenderShift();

    public static float Shift(float fontSize) => fontSize * DescenderShift;

    /// <summary>The widest line of <paramref name="text"/> at <paramref name="size"/>, in pixels.</summary>
    public static double Width(string text, float size)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var font = new SKFont(Typeface, size);
        return text.Split('\n').Max(line => (double)font.MeasureText(line));
    }

    /// <summary>The height of <paramref name="lines"/> lines at <paramref name="size"/>: ascent to descent, line after line.</summary>
    public static double Height(int lines, float size)
    {
        using var font = new SKFont(Typeface, size);
        return lines * (double)(font.Metrics.Descent - font.Metrics.Ascent);
    }

    /// <summary>
    /// Names the font for the title, axis labels, ticks and legend, and moves them down by the descender error; last,
    /// after everything is added (texts and annotations name the font themselves).
    /// </summary>
    public static void Apply(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        foreach (var axis in new IAxis[] { plot.Axes.Left, plot.Axes.Bottom })
        {
            axis.TickLabelStyle.OffsetY = Shift(axis.TickLabelStyle.FontSize);
        }

        // The vertical axis label is turned a quarter, so its error points left, off the image.
        plot.Axes.Left.Label.OffsetX = Shift(plot.Axes.Left.Label.FontSize);
        // A browser's box of a Noto CJK line (ascent to descent) is taller than the one ScottPlot lays out: the axis
        // title would touch the tick labels above it and the chart title would reach past the image's top edge.
        plot.Axes.Bottom.Label.OffsetY = Shift(plot.Axes.Bottom.Label.FontSize) / 2 + 4;
        plot.Axes.Title.Label.OffsetY = 4;
        plot.Font.Set(Family);
        plot.Legend.FontName = Family;
        plot.Legend.SetBestFontOnEachRender = false;
        plot.Legend.DisplayPlottableLegendItems = false;
    }

    private static float MeasureDescenderShift()
    {
        using var font = new SKFont(Typeface, 100);
        return Math.Max(0, font.Metrics.Bottom - font.Metrics.Descent) / 100;
    }
}
