using Analytics.ReportApi.Charts.Layout;
using ScottPlot;

namespace Analytics.ReportApi.Charts;

/// <summary>
/// Draws a <see cref="ChartData"/> with ScottPlot as PNG or SVG. The plot is laid out once at the image's size first,
/// so that category labels, the note and the named points' labels can be placed by the pixels they take
/// (<see cref="PlotLayout"/>): none covers another text or the data. In the SVG every mark with a link is a link.
/// </summary>
internal static class ChartRenderer
{
    /// <summary>The CJK font every text is set in (<see cref="ChartFonts.Family"/>).</summary>
    public const string FontFamily = ChartFonts.Family;

    public const int Width = 800;

    public const int Height = 450;

    public static byte[] Png(ChartData data) => Draw(data).Plot.GetImageBytes(Width, Height, ImageFormat.Png);

    public static string Svg(ChartData data)
    {
        var drawn = Draw(data);
        return SvgLinks.Add(SvgText.Restore(drawn.Plot.GetSvgXml(Width, Height)), drawn.Links, Width, Height);
    }

    private static DrawnChart Draw(ChartData data)
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
            ChartFonts.Apply(plot);
            return new DrawnChart(plot, []);
        }

        var marks = data.Kind is ChartKind.Line or ChartKind.Scatter ? AddScatters(plot, data) : AddBars(plot, data);
        marks.AddRange(AddLines(plot, data));
        if (data.Categories.Count > 0)
        {
            plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, data.Categories.Count).Select(i => (double)i)], [.. data.Categories]);
        }

        if (data.Series.Count > 1 || data.Lines.Count > 0)
        {
            plot.ShowLegend(Edge.Right);
        }

        ChartFonts.Apply(plot);
        var layout = new PlotLayout(plot, Width, Height);
        if (data.Categories.Count > 0)
        {
            var step = TickThinning.Step(data.Categories.Count, layout.Area.Width,
                data.Categories.Max(c => ChartFonts.Width(c, plot.Axes.Bottom.TickLabelStyle.FontSize)));
            var shown = Enumerable.Range(0, data.Categories.Count).Where(i => TickThinning.Shown(i, data.Categories.Count, step)).ToList();
            plot.Axes.Bottom.SetTicks([.. shown.Select(i => (double)i)], [.. shown.Select(i => data.Categories[i])]);
        }

        // A note first, as it may raise the value axis (which moves every mark); the labels then keep off it.
        var note = data.Notes.Count > 0 ? layout.AddNote(string.Join("\n", data.Notes), marks) : (PixelBox?)null;
        var named = marks.Where(m => m.Label is not null).Select(m => (m.Label!, layout.Box(m))).ToList();
        layout.AddPointLabels(named, note is { } n ? [n] : []);
        var links = marks.Where(m => m.Link is not null).Select(m => new SvgLink(layout.Box(m), m.Link!, m.Title)).ToList();
        return new DrawnChart(plot, links);
    }

    private static List<DataMark> AddScatters(Plot plot, ChartData data)
    {
        var marks = new List<DataMark>();
        foreach (var (series, i) in data.Series.Select((s, i) => (s, i)))
        {
            var xs = series.Points.Select(p => p.X / data.XScale).ToArray();
            var ys = series.Points.Select(p => (double)p.Y / data.YScale).ToArray();
            var scatter = data.Kind == ChartKind.Line ? plot.Add.Scatter(xs, ys) : plot.Add.ScatterPoints(xs, ys);
            scatter.Color = plot.Add.Palette.GetColor(i);
            AddLegendItem(plot, new LegendItem { LabelText = series.Name, LineColor = scatter.Color, LineWidth = data.Kind == ChartKind.Line ? 2 : 0, MarkerShape = MarkerShape.FilledCircle, MarkerFillColor = scatter.Color, MarkerSize = 6 });
            scatter.MarkerSize = data.Kind == ChartKind.Line ? 3 : 7;
            var half = scatter.MarkerSize / 2 + 1;
            for (var p = 0; p < xs.Length; p++)
            {
                var at = new Coordinates(xs[p], ys[p]);
                var point = series.Points[p];
                marks.Add(new DataMark(at, at, half, $"{point.Name ?? series.Name}: {point.Y:0.##}", point.Label, point.Link));
                if (data.Kind == ChartKind.Line && p > 0)
                {
                    marks.Add(new DataMark(new Coordinates(xs[p - 1], ys[p - 1]), at, 1, series.Name));
                }
            }
        }

        return marks;
    }

    private static List<DataMark> AddBars(Plot plot, ChartData data)
    {
        var stackBase = new Dictionary<double, double>();
        var bars = new List<Bar>();
        var marks = new List<DataMark>();
        foreach (var (series, i) in data.Series.Select((s, i) => (s, i)))
        {
            var color = plot.Add.Palette.GetColor(i);
            foreach (var point in series.Points)
            {
                var value = (double)point.Y / data.YScale;
                var bottom = data.Kind == ChartKind.StackedBars ? stackBase.GetValueOrDefault(point.X) : 0;
                var bar = new Bar { Position = point.X, ValueBase = bottom, Value = bottom + value, FillColor = color };
                bars.Add(bar);
                stackBase[point.X] = bottom + value;
                var category = (int)point.X < data.Categories.Count ? data.Categories[(int)point.X] + " " : "";
                marks.Add(new DataMark(new Coordinates(point.X - bar.Size / 2, bottom), new Coordinates(point.X + bar.Size / 2, bottom + value), 0,
                    $"{category}{series.Name}: {point.Y:#,0.##}", point.Label, point.Link));
            }

            if (data.Series.Count > 1)
            {
                AddLegendItem(plot, new LegendItem { LabelText = series.Name, FillColor = color });
            }
        }

        plot.Add.Bars(bars);
        plot.Axes.Margins(bottom: 0);
        return marks;
    }

    /// <summary>Legend entries are added by hand so each names the CJK font itself; ScottPlot's own entries measure with another.</summary>
    private static void AddLegendItem(Plot plot, LegendItem item)
    {
        item.LabelFontName = FontFamily;
        item.LabelOffsetY = ChartFonts.Shift(plot.Legend.FontSize ?? item.LabelFontSize);
        plot.Legend.ManualItems.Add(item);
    }

    /// <summary>The reference lines, each a mark across the data area that a note must not cover either.</summary>
    private static List<DataMark> AddLines(Plot plot, ChartData data)
    {
        var marks = new List<DataMark>();
        foreach (var line in data.Lines)
        {
            var value = line.Horizontal ? line.Value : line.Value / data.XScale;
            var added = line.Horizontal ? (ScottPlot.Plottables.AxisLine)plot.Add.HorizontalLine(value) : plot.Add.VerticalLine(value);
            added.LinePattern = LinePattern.Dashed;
            added.Color = Colors.Gray;
            AddLegendItem(plot, new LegendItem { LabelText = line.Label, LineColor = Colors.Gray, LineWidth = 2, LinePattern = LinePattern.Dashed });
            marks.Add(new DataMark(new Coordinates(line.Horizontal ? double.NegativeInfinity : value, line.Horizontal ? value : double.NegativeInfinity),
                new Coordinates(line.Horizontal ? double.PositiveInfinity : value, line.Horizontal ? value : double.PositiveInfinity), 1, line.Label));
        }

        return marks;
    }

    private sealed record DrawnChart(Plot Plot, IReadOnlyList<SvgLink> Links);
}
