using System.Globalization;
using System.Net;

namespace Analytics.ReportApi.Charts;

/// <summary>
/// How a page shows a chart: its SVG in an &lt;object&gt;, not an &lt;img&gt;, because an image's links cannot be
/// clicked; the object keeps the chart a document of its own (its ids cannot clash with the page's or another chart's)
/// and loads in parallel with the others. Its links open in the page's window (target _top).
/// </summary>
internal static class ChartFigure
{
    /// <summary>The figure for the chart at <paramref name="svgSource"/> (an .svg address with its query).</summary>
    public static string Html(string id, string svgSource, string label) =>
        string.Create(CultureInfo.InvariantCulture,
            $"<figure><object id=\"chart-{WebUtility.HtmlEncode(id)}\" type=\"image/svg+xml\" data=\"{WebUtility.HtmlEncode(svgSource)}\" width=\"{ChartRenderer.Width}\" height=\"{ChartRenderer.Height}\" aria-label=\"{WebUtility.HtmlEncode(label)}\"></object></figure>\n");
}
