using ScottPlot;

namespace Analytics.ReportApi.Charts;

/// <summary>Draws a <see cref="ChartData"/> with ScottPlot as PNG or SVG.</summary>
internal static class ChartRenderer
{
    /// <summary>
    /// ScottPlot's own font lookup finds no CJK font on Linux and draws Chinese as boxes; naming the family
    /// (Debian's fonts-noto-cjk, installed by test.sh) makes PNG and SVG both show it.
    /// </summary>
    public const string FontFamily = "Noto Sans CJK SC";

    /// <summary>
    /// ScottPlot places a label by its font's lowest possible descender, not its baseline (ScottPlot issues 5036,
    /// 5213); Noto Sans CJK's reaches far down (bottom 1.05 em against a descent of 0.29 em), so every label
    /// would sit that much too high and legend entries get clipped. Labels are moved down by the difference.
    /// </summary>
    private static readonly float DescenderShift = MeasureDescenderShift();

    public const int Width = 800;

    public const int Height = 450;

    public static byte[] Png(ChartData data) => Draw(data).GetImageBytes(Width, Height, ImageFormat.Png);

    public static string Svg(ChartData data) => SvgText.Restore(Draw(data).GetSvgXml(Width, Height));

    private static Plot Draw(ChartData data)
    {
        var plot = new Plot();
        plot.Title(data.Title);
        plot.XLabel(data.XLabel);
        plot.YLabel(data.YLabel);
        if (data.EmptyMessage is { } message)
        {
            plot.Add.Annotation(message, Alignment.MiddleCenter).LabelFontName = FontFamily;
            plot.Axes.SetLimits(0, 1, 0, 1);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        }
        else
        {
            switch (data.Kind)
            {
                case ChartKind.Line:
                case ChartKind.Scatter:
                    AddScatters(plot, data);
                    break;
                case ChartKind.Bars:
                case ChartKind.StackedBars:
                    AddBars(plot, data);
                    break;
            }

            AddLines(plot, data);
            if (data.Notes.Count > 0)
            {
                var note = plot.Add.Annotation(string.Join("\n", data.Notes), Alignment.LowerRight);
                note.LabelFontName = FontFamily;
                note.LabelOffsetY = Shift(note.LabelFontSize);
            }

            if (data.Categories.Count > 0)
            {
                plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, data.Categories.Count).Select(i => (double)i)], [.. data.Categories]);
                if (data.Categories.Count > 12)
                {
                    plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
                    plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
                }
            }

            if (data.Series.Count > 1 || data.Lines.Count > 0)
            {
                plot.ShowLegend(Edge.Right);
            }
        }

        foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Left, plot.Axes.Bottom })
        {
            axis.TickLabelStyle.OffsetY = Shift(axis.TickLabelStyle.FontSize);
        }

        // The vertical axis label is turned a quarter, so its error points left, off the image.
        plot.Axes.Left.Label.OffsetX = Shift(plot.Axes.Left.Label.FontSize);
        plot.Axes.Bottom.Label.OffsetY = Shift(plot.Axes.Bottom.Label.FontSize) / 2;

        // Last, so the font reaches every title, label, tick and legend added above (texts and annotations name it themselves).
        plot.Font.Set(FontFamily);
        plot.Legend.FontName = FontFamily;
        plot.Legend.SetBestFontOnEachRender = false;
        plot.Legend.DisplayPlottableLegendItems = false;
        return plot;
    }

    private static void AddScatters(Plot plot, ChartData data)
    {
        foreach (var (series, i) in data.Series.Select((s, i) => (s, i)))
        {
            var xs = series.Points.Select(p => p.X / data.XScale).ToArray();
            var ys = series.Points.Select(p => (double)p.Y / data.YScale).ToArray();
            var scatter = data.Kind == ChartKind.Line ? plot.Add.Scatter(xs, ys) : plot.Add.ScatterPoints(xs, ys);
            scatter.Color = plot.Add.Palette.GetColor(i);
            AddLegendItem(plot, new LegendItem { LabelText = series.Name, LineColor = scatter.Color, LineWidth = data.Kind == ChartKind.Line ? 2 : 0, MarkerShape = MarkerShape.FilledCircle, MarkerFillColor = scatter.Color, MarkerSize = 6 });
            scatter.MarkerSize = data.Kind == ChartKind.Line ? 3 : 7;
            foreach (var point in series.Points.Where(p => p.Label is not null))
            {
                var label = plot.Add.Text(point.Label!, point.X / data.XScale, (double)point.Y / data.YScale);
                label.LabelFontSize = 11;
                label.LabelFontName = FontFamily;
            }
        }
    }

    private static void AddBars(Plot plot, ChartData data)
    {
        var stackBase = new Dictionary<double, double>();
        var bars = new List<Bar>();
        foreach (var (series, i) in data.Series.Select((s, i) => (s, i)))
        {
            var color = plot.Add.Palette.GetColor(i);
            foreach (var point in series.Points)
            {
                var value = (double)point.Y / data.YScale;
                var bottom = data.Kind == ChartKind.StackedBars ? stackBase.GetValueOrDefault(point.X) : 0;
                bars.Add(new Bar { Position = point.X, ValueBase = bottom, Value = bottom + value, FillColor = color });
                stackBase[point.X] = bottom + value;
            }

            if (data.Series.Count > 1)
            {
                AddLegendItem(plot, new LegendItem { LabelText = series.Name, FillColor = color });
            }
        }

        plot.Add.Bars(bars);
        plot.Axes.Margins(bottom: 0);
    }

    /// <summary>Legend entries are added by hand so each names the CJK font itself; ScottPlot's own entries measure with another.</summary>
    private static void AddLegendItem(Plot plot, LegendItem item)
    {
        item.LabelFontName = FontFamily;
        item.LabelOffsetY = Shift(plot.Legend.FontSize ?? item.LabelFontSize);
        plot.Legend.ManualItems.Add(item);
    }

    private static void AddLines(Plot plot, ChartData data)
    {
        foreach (var line in data.Lines)
        {
            var value = line.Horizontal ? line.Value : line.Value / data.XScale;
            var added = line.Horizontal ? (ScottPlot.Plottables.AxisLine)plot.Add.HorizontalLine(value) : plot.Add.VerticalLine(value);
            added.LinePattern = LinePattern.Dashed;
            added.Color = Colors.Gray;
            AddLegendItem(plot, new LegendItem { LabelText = line.Label, LineColor = Colors.Gray, LineWidth = 2, LinePattern = LinePattern.Dashed });
        }
    }

    private static float Shift(float fontSize) => fontSize * DescenderShift;

    private static float MeasureDescenderShift()
    {
        using var typeface = SkiaSharp.SKTypeface.FromFamilyName(FontFamily);
        using var font = new SkiaSharp.SKFont(typeface, 100);
        return Math.Max(0, font.Metrics.Bottom - font.Metrics.Descent) / 100;
    }
}
