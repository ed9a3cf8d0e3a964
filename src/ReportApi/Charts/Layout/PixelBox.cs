namespace Analytics.ReportApi.Charts.Layout;

/// <summary>A rectangle in image pixels (y grows downwards): a text's box, a bar, a marker, the data area.</summary>
internal readonly record struct PixelBox(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;

    public double Height => Bottom - Top;

    public static PixelBox Around(double x, double y, double halfWidth, double halfHeight) =>
        new(x - halfWidth, y - halfHeight, x + halfWidth, y + halfHeight);

    /// <summary>True when the two share some area (touching edges do not count).</summary>
    public bool Overlaps(PixelBox other) =>
        Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;

    public bool Inside(PixelBox outer) =>
        Left >= outer.Left && Right <= outer.Right && Top >= outer.Top && Bottom <= outer.Bottom;

    public PixelBox Grow(double margin) => new(Left - margin, Top - margin, Right + margin, Bottom + margin);
}
