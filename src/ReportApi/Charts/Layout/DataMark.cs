using ScottPlot;

namespace Analytics.ReportApi.Charts.Layout;

/// <summary>
/// Something drawn from the data, as the box between two corners in data units grown by <paramref name="Pad"/> pixels:
/// a bar, a marker (both corners the point), a line's segment, or a reference line (infinite along its length).
/// A point's mark may carry the name drawn beside it and the link a click follows; <paramref name="Title"/> is its tooltip.
/// </summary>
internal sealed record DataMark(Coordinates A, Coordinates B, double Pad, string Title, string? Label = null, string? Link = null);
