namespace Analytics.ReportApi.Charts.Layout;

/// <summary>A corner of the data area where a note may stand, in the order they are tried.</summary>
internal enum NoteCorner
{
    LowerRight,
    UpperRight,
    UpperLeft,
    LowerLeft,
}

/// <summary>
/// Where a chart's note (the 80/20 headline, the churn period) goes: the first corner of the data area, in the order of
/// <see cref="NoteCorner"/>, whose box covers no bar, marker, line or other text. When every corner covers something,
/// the value axis is raised so an empty band opens above the data, and the note goes there.
/// </summary>
internal static class NotePlacement
{
    /// <summary>How far a note stands from the data area's edges, in pixels.</summary>
    public const double Inset = 8;

    public static NoteCorner? FreeCorner(PixelBox area, double width, double height, IReadOnlyList<PixelBox> taken) =>
        Enum.GetValues<NoteCorner>().Select(c => (NoteCorner?)c)
            .FirstOrDefault(c => !taken.Any(box => box.Overlaps(Box(area, c!.Value, width, height))));

    public static PixelBox Box(PixelBox area, NoteCorner corner, double width, double height)
    {
        var left = corner is NoteCorner.UpperLeft or NoteCorner.LowerLeft ? area.Left + Inset : area.Right - Inset - width;
        var top = corner is NoteCorner.UpperLeft or NoteCorner.UpperRight ? area.Top + Inset : area.Bottom - Inset - height;
        return new PixelBox(left, top, left + width, top + height);
    }

    /// <summary>
    /// The value axis's new top, so that a band of <paramref name="band"/> pixels above <paramref name="top"/> is free:
    /// the data keeps <c>areaHeight - band</c> pixels for <c>top - bottom</c> units.
    /// </summary>
    public static double RaisedTop(double bottom, double top, double areaHeight, double band) =>
        band >= areaHeight ? top + (top - bottom) : bottom + (top - bottom) * areaHeight / (areaHeight - band);
}
