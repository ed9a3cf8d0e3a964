using ScottPlot;

namespace Analytics.ReportApi.Charts.Layout;

/// <summary>
/// A plot laid out at its image size, so data can be turned into pixels: where the data area is, which pixels a mark
/// covers, and where a note or a point's label can stand without covering data or another text.
/// </summary>
internal sealed class PlotLayout
{
    private const float NoteSize = 12;
    private const float LabelSize = 12;
    private const float Padding = 5;

    private readonly Plot _plot;
    private readonly int _width;
    private readonly int _height;

    public PlotLayout(Plot plot, int width, int height)
    {
        _plot = plot;
        _width = width;
        _height = height;
        Refresh();
    }

    public PixelBox Area { get; private set; }

    public PixelBox Box(DataMark mark)
    {
        ArgumentNullException.ThrowIfNull(mark);
        var (ax, ay) = Pixel(mark.A);
        var (bx, by) = Pixel(mark.B);
        return new PixelBox(Math.Min(ax, bx), Math.Min(ay, by), Math.Max(ax, bx), Math.Max(ay, by)).Grow(mark.Pad);
    }

    /// <summary>Adds the note in a corner free of data (raising the value axis when there is none) and gives its box.</summary>
    public PixelBox AddNote(string text, IReadOnlyList<DataMark> marks)
    {
        var width = ChartFonts.Width(text, NoteSize) + 2 * Padding;
        var height = ChartFonts.Height(text.Split('\n').Length, NoteSize) + 2 * Padding;
        var corner = NotePlacement.FreeCorner(Area, width, height, [.. marks.Select(Box)]);
        if (corner is null)
        {
            var limits = _plot.Axes.GetLimits();
            _plot.Axes.SetLimitsY(limits.Bottom, NotePlacement.RaisedTop(limits.Bottom, limits.Top, Area.Height, height + 2 * NotePlacement.Inset));
            Refresh();
            corner = NotePlacement.FreeCorner(Area, width, height, [.. marks.Select(Box)]) ?? NoteCorner.UpperLeft;
        }

        var box = NotePlacement.Box(Area, corner.Value, width, height);
        var note = AddText(text, box, NoteSize);
        note.LabelBackgroundColor = Colors.Yellow.WithAlpha(.75);
        note.LabelBorderColor = Colors.Black;
        note.LabelBorderWidth = 1;
        return box;
    }

    /// <summary>Names the points beside their markers (the first given placed first); a name with no free spot is left out.</summary>
    public void AddPointLabels(IReadOnlyList<(string Text, PixelBox Marker)> points, IReadOnlyList<PixelBox> obstacles)
    {
        ArgumentNullException.ThrowIfNull(points);
        var sizes = points.Select(p => (
            X: (p.Marker.Left + p.Marker.Right) / 2,
            Y: (p.Marker.Top + p.Marker.Bottom) / 2,
            Width: ChartFonts.Width(p.Text, LabelSize) + 2 * Padding,
            Height: ChartFonts.Height(1, LabelSize) + 2 * Padding)).ToList();
        var spots = PointLabels.Place(sizes, Area, [.. obstacles, .. points.Select(p => p.Marker)]);
        foreach (var (spot, point) in spots.Zip(points))
        {
            if (spot is { } s)
            {
                AddText(point.Text, s, LabelSize);
            }
        }
    }

    /// <summary>A text whose box (padding included) fills <paramref name="box"/>: anchored at its upper left corner.</summary>
    private ScottPlot.Plottables.Text AddText(string text, PixelBox box, float size)
    {
        var at = _plot.GetCoordinates(new Pixel((float)(box.Left + Padding), (float)(box.Top + Padding)));
        var added = _plot.Add.Text(text, at.X, at.Y);
        added.LabelFontName = ChartFonts.Family;
        added.LabelFontSize = size;
        added.LabelAlignment = Alignment.UpperLeft;
        added.LabelPadding = Padding;
        added.LabelOffsetY = ChartFonts.Shift(size);
        return added;
    }

    private (double X, double Y) Pixel(Coordinates at)
    {
        var finite = _plot.GetPixel(new Coordinates(double.IsFinite(at.X) ? at.X : 0, double.IsFinite(at.Y) ? at.Y : 0));
        return (
            double.IsFinite(at.X) ? finite.X : at.X < 0 ? Area.Left : Area.Right,
            double.IsFinite(at.Y) ? finite.Y : at.Y < 0 ? Area.Bottom : Area.Top);
    }

    private void Refresh()
    {
        _plot.RenderInMemory(_width, _height);
        var rect = _plot.RenderManager.LastRender.DataRect;
        Area = new PixelBox(rect.Left, rect.Top, rect.Right, rect.Bottom);
    }
}
