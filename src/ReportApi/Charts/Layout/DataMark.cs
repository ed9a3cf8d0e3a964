using ScottPlot;

namespace Analytics.ReportApi.Charts.Layout;

/// <summary>
/// Something drawn from the data, as the box between two corners in data units grown by <paramref name="Pad"/> pixels:
/// a bar, a marker (both corners the point), a line's segment, or a reference line (infinite along its length).
/// Its point, when it stands for one, carries the label and link; <paramref name="Title"/> is its tooltip.
/// </summary>
internal sealed record DataMark(Coordinates A, Coordinates B, double Pad, ChartPoint? Point, string Title)
{
    /// <summary>A line between two points: kept clear of notes, but no link of its own.</summary>
    public bool IsSegment { get; init; }
}
