namespace Analytics.ReportApi.Charts;

/// <summary>
/// What a chart shows, before it is drawn: the numbers come straight from the report query, so a test (or
/// /charts/NAME.json) can compare them with the marts. Amounts stay exact in <see cref="ChartPoint.Y"/>;
/// <see cref="YScale"/> only divides them on the axis (a unit of a million reads better than 12,000,000).
/// </summary>
internal sealed record ChartData(
    string Name,
    ChartKind Kind,
    string Title,
    string XLabel,
    string YLabel,
    IReadOnlyList<ChartSeries> Series)
{
    /// <summary>Tick labels of a category axis (bars, months): category i sits at x = i.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<ReferenceLine> Lines { get; init; } = [];

    /// <summary>Text called out on the chart (the 80/20 headline, the churn period).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Set when there is nothing to draw, and says why (no scores yet, nothing in the selection).</summary>
    public string? EmptyMessage { get; init; }

    public double XScale { get; init; } = 1;

    public double YScale { get; init; } = 1;
}

internal enum ChartKind
{
    Line,
    Scatter,
    Bars,
    StackedBars,
}

internal sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);

/// <summary>
/// One point: X is the category index on a category axis; Label names the point (an account) where drawn; Link is the
/// page a click on its mark opens in the SVG (the account's page, or the dashboard filtered to the bar's group); it is
/// no number drawn, so /charts/NAME.json leaves it out (and a regional key's numbers equal the admin's for the region).
/// </summary>
internal sealed record ChartPoint(double X, decimal Y, string? Label = null, [property: System.Text.Json.Serialization.JsonIgnore] string? Link = null)
{
    /// <summary>What the point stands for (an account's name), shown when the pointer rests on it, drawn or not.</summary>
    public string? Name { get; init; }
}

internal sealed record ReferenceLine(bool Horizontal, double Value, string Label);
