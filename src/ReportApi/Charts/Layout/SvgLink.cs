namespace Analytics.ReportApi.Charts.Layout;

/// <summary>A clickable area of a chart's SVG: the mark's box, where it leads, and the tooltip naming it.</summary>
internal sealed record SvgLink(PixelBox Box, string Href, string Title);
