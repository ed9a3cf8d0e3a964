namespace Analytics.ReportApi.Charts.Layout;

/// <summary>
/// Puts each named point's label beside it, in the order given (the most important first): to the right, left, above,
/// below, then the four diagonals; the first spot inside the data area that touches no label already placed and no
/// obstacle (markers of named points, the note, the legend). A label with no free spot is left out rather than piled on.
/// </summary>
internal static class PointLabels
{
    /// <summary>The distance between a point and its label, in pixels.</summary>
    public const double Gap = 6;

    public static IReadOnlyList<PixelBox?> Place(IReadOnlyList<(double X, double Y, double Width, double Height)> labels, PixelBox area,
        IReadOnlyList<PixelBox> obstacles)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var placed = new List<PixelBox>();
        var result = new List<PixelBox?>();
        foreach (var (x, y, w, h) in labels)
        {
            PixelBox? spot = Candidates(x, y, w, h)
                .Select(b => (PixelBox?)b)
                .FirstOrDefault(b => b!.Value.Inside(area) && !placed.Any(p => p.Overlaps(b.Value)) && !obstacles.Any(o => o.Overlaps(b.Value)));
            if (spot is { } s)
            {
                placed.Add(s);
            }

            result.Add(spot);
        }

        return result;
    }

    private static IEnumerable<PixelBox> Candidates(double x, double y, double w, double h)
    {
        yield return new PixelBox(x + Gap, y - h / 2, x + Gap + w, y + h / 2);
        yield return new PixelBox(x - Gap - w, y - h / 2, x - Gap, y + h / 2);
        yield return new PixelBox(x - w / 2, y - Gap - h, x + w / 2, y - Gap);
        yield return new PixelBox(x - w / 2, y + Gap, x + w / 2, y + Gap + h);
        yield return new PixelBox(x + Gap, y - Gap - h, x + Gap + w, y - Gap);
        yield return new PixelBox(x + Gap, y + Gap, x + Gap + w, y + Gap + h);
        yield return new PixelBox(x - Gap - w, y - Gap - h, x - Gap, y - Gap);
        yield return new PixelBox(x - Gap - w, y + Gap, x - Gap, y + Gap + h);
    }
}
