using System.Globalization;
using System.Net;
using System.Text;

namespace Analytics.ReportApi.Charts.Layout;

/// <summary>
/// Makes a chart's marks clickable in its SVG: Skia's SVG writer knows no links, so an invisible box with the link
/// and a tooltip is laid over each mark, last in the document so it is on top. Links open in the top window
/// (target _top), as the dashboard shows the SVG in an &lt;object&gt;. A viewBox lets the page scale the image.
/// </summary>
internal static class SvgLinks
{
    public static string Add(string svg, IReadOnlyList<SvgLink> links, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(svg);
        ArgumentNullException.ThrowIfNull(links);
        var text = new StringBuilder(svg);
        var root = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (root >= 0 && !svg.Contains("viewBox", StringComparison.Ordinal))
        {
            text.Insert(root + 4, string.Create(CultureInfo.InvariantCulture, $" viewBox=\"0 0 {width} {height}\""));
        }

        if (links.Count > 0)
        {
            var end = text.ToString().LastIndexOf("</svg>", StringComparison.Ordinal);
            var overlay = new StringBuilder("<g class=\"links\">");
            foreach (var link in links)
            {
                // A marker smaller than a finger is hard to hit: a link area is at least 8 pixels across.
                var box = link.Box.Grow(Math.Max(0, (8 - Math.Min(link.Box.Width, link.Box.Height)) / 2));
                overlay.Append(CultureInfo.InvariantCulture,
                    $"<a href=\"{WebUtility.HtmlEncode(link.Href)}\" target=\"_top\"><title>{WebUtility.HtmlEncode(link.Title)}</title><rect x=\"{box.Left:0.#}\" y=\"{box.Top:0.#}\" width=\"{box.Width:0.#}\" height=\"{box.Height:0.#}\" fill=\"#000\" fill-opacity=\"0\"/></a>");
            }

            text.Insert(end, overlay.Append("</g>").ToString());
        }

        return text.ToString();
    }
}
