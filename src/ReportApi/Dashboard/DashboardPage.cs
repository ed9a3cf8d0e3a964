using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using Analytics.ReportApi.Charts;

namespace Analytics.ReportApi.Dashboard;

/// <summary>
/// The managers' page, rendered on the server: filters, language switch, KPI tiles, every chart as an image
/// with the same parameters (SVG, whose marks link to accounts and filtered views), and the three tables. No script but the filters' submit-on-change.
/// </summary>
internal static class DashboardPage
{
    /// <summary>The page's inline style sheet and its filters' inline handler, which the pages' content policy allows by hash.</summary>
    internal static readonly string Css = ReadCss();

    internal const string SubmitOnChange = "this.form.submit()";

    // Chinese stays readable in the page source; only what HTML needs escaped is.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string Render(DashboardModel model, ChartRequest request, IReadOnlyList<string> regions, long dataVersion)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        var language = request.Language;
        string T(string key) => Texts.Get(language, key);
        string F(string key, params object?[] args) => Texts.Format(language, key, args);

        var html = new StringBuilder();
        AppendHead(html, request, T("page.title"), model.Tiles.AsOf, dataVersion);
        AppendFilters(html, request, regions, T, F);
        html.Append("<main>\n");
        AppendTiles(html, model, request, T, F);
        AppendAlerts(html, model, T, F);
        html.Append("<section class=\"charts\">\n");
        foreach (var chart in ChartCatalog.All)
        {
            html.Append(ChartFigure.Html(chart.Name, $"/charts/{chart.Name}.svg?{request.QueryString()}", chart.Name));
        }

        html.Append("</section>\n<div class=\"tables\">\n");
        AppendTopAccounts(html, model, language, T);
        GroupsPanel.Append(html, model.TopGroups, language);
        AppendAtRisk(html, model, language, T);
        ChurnCostPanel.Append(html, model, language, T);
        AppendContracts(html, model, language, T);
        html.Append("</div>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The document's start up to the page header: title, as-of day and data version, the language switch.</summary>
    internal static void AppendHead(StringBuilder html, ChartRequest request, string title, DateOnly asOf, long dataVersion)
    {
        ArgumentNullException.ThrowIfNull(request);
        AppendHead(html, request.Language, title, asOf, dataVersion, LanguageLink(request, Language.Zh, "中文") + LanguageLink(request, Language.En, "English"));
    }

    /// <summary>The same with the header's links given as HTML (another page's language switch and its way back).</summary>
    internal static void AppendHead(StringBuilder html, Language language, string title, DateOnly asOf, long dataVersion, string links)
    {
        ArgumentNullException.ThrowIfNull(html);
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="{(language == Language.Zh ? "zh-CN" : "en")}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <link rel="icon" href="data:,">
            <title>{E(title)}</title>
            <style>{Css}</style>
            </head>
            <body>
            <header>
            <h1>{E(title)}</h1>
            <span class="as-of">{E(Texts.Format(language, "page.as_of", Day(asOf), dataVersion))}</span>
            <nav class="lang">{links}</nav>
            </header>
            """);
    }

    private static void AppendAlerts(StringBuilder html, DashboardModel model, Func<string, string> t, Func<string, object?[], string> f)
    {
        if (model.Alerts.Count == 0)
        {
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<section class=\"alerts\" id=\"model-alerts\"><h2>{E(t("alerts.title"))}</h2><ul>\n");
        foreach (var a in model.Alerts)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(f("alert." + a.Kind, [a.Subject, a.Value, a.Threshold, a.ScoreRunId]))}</li>\n");
        }

        html.Append("</ul></section>\n");
    }

    private static void AppendFilters(StringBuilder html, ChartRequest request, IReadOnlyList<string> regions, Func<string, string> t, Func<string, object?[], string> f)
    {
        var filter = request.Filter;
        html.Append("<form id=\"filters\" method=\"get\" action=\"/\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<label>{E(t("page.window"))} <select name=\"window\" onchange=\"{SubmitOnChange}\">");
        foreach (var window in ChartRequest.Windows)
        {
            html.Append(Option(window.ToString(CultureInfo.InvariantCulture), f("page.months", [window]), window == filter.WindowMonths));
        }

        html.Append(CultureInfo.InvariantCulture, $"</select></label>\n<label>{E(t("page.region"))} <select name=\"region\" onchange=\"{SubmitOnChange}\">");
        html.Append(Option("", t("page.all"), filter.Region is null));
        foreach (var region in regions)
        {
            html.Append(Option(region, region, region == filter.Region));
        }

        html.Append(CultureInfo.InvariantCulture, $"</select></label>\n<label>{E(t("page.tier"))} <select name=\"tier\" onchange=\"{SubmitOnChange}\">");
        html.Append(Option("", t("page.all"), filter.Tier is null));
        foreach (var tier in ChartRequest.Tiers)
        {
            html.Append(Option(tier, Texts.GroupValue(request.Language, "tier", tier), tier == filter.Tier));
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            </select></label>
            <input type="hidden" name="lang" value="{LanguageChoice.Code(request.Language)}">
            <button type="submit">{E(t("page.apply"))}</button>
            </form>

            """);
    }

    private static void AppendTiles(StringBuilder html, DashboardModel model, ChartRequest request, Func<string, string> t, Func<string, object?[], string> f)
    {
        var tiles = model.Tiles;
        html.Append("<section class=\"tiles\">\n");
        // Whole yuan on the tile, to the cent on hover.
        Tile(html, "revenue", f("tile.revenue", [request.Filter.WindowMonths]), Money(tiles.Revenue, request.Language),
            Money(tiles.Revenue, request.Language, "N2"));
        Tile(html, "key-share", t("tile.key_share"), Percent(tiles.KeyAccountShare));
        Tile(html, "at-risk", t("tile.at_risk"), tiles.KeyAccountsAtRisk is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) : t("tile.no_scores"));
        Tile(html, "breach-rate", t("tile.breach"), Percent(tiles.BreachRate));
        Tile(html, "renewals", t("tile.renewals"), tiles.Renewals90Days.ToString("N0", CultureInfo.InvariantCulture));
        html.Append("</section>\n");
    }

    private static void Tile(StringBuilder html, string id, string label, string value, string? exact = null) =>
        html.Append(CultureInfo.InvariantCulture,
            $"<div class=\"tile\" id=\"tile-{id}\"><span class=\"label\">{E(label)}</span><span class=\"value\"{(exact is null ? "" : $" title=\"{E(exact)}\"")}>{E(value)}</span></div>\n");

    private static void AppendTopAccounts(StringBuilder html, DashboardModel model, Language language, Func<string, string> t)
    {
        Table(html, "top-accounts", t("table.top"),
            [t("col.rank"), t("col.account"), t("col.tier"), t("col.region"), "#" + t("col.revenue"), "#" + t("col.share")],
            model.TopAccounts.Select((a, i) => new[]
            {
                "#" + (i + 1).ToString(CultureInfo.InvariantCulture), a.Name, a.Tier, a.Region, "#" + Money(a.Revenue, language), "#" + Percent(a.Share),
            }),
            t("table.empty"), (1, [.. model.TopAccounts.Select(a => a.AccountId)], language));
    }

    private static void AppendAtRisk(StringBuilder html, DashboardModel model, Language language, Func<string, string> t)
    {
        Table(html, "at-risk", t("table.at_risk"),
            [t("col.account"), t("col.region"), "#" + t("col.probability"), t("col.band"), "#" + t("col.revenue"), t("col.reasons")],
            model.AtRiskAccounts.Select(a => new[]
            {
                a.Name, a.Region, "#" + Percent(a.ChurnProbability), Texts.GroupValue(language, "band", a.RiskBand), "#" + Money(a.Value, language),
                string.Join(language == Language.Zh ? "；" : "; ", a.Reasons.Select(r => language == Language.Zh ? r.Zh : r.En)),
            }),
            model.HasScores ? t("table.empty") : t("tile.no_scores"), (0, [.. model.AtRiskAccounts.Select(a => a.AccountId)], language));
    }

    private static void AppendContracts(StringBuilder html, DashboardModel model, Language language, Func<string, string> t)
    {
        Table(html, "contracts", t("table.contracts"),
            [t("col.contract"), t("col.account"), t("col.tier"), t("col.status"), t("col.cancel_by"), "#" + t("col.days"), "#" + t("col.fee")],
            model.ContractsToAct.Select(c => new[]
            {
                c.ContractId, c.Name, c.Tier, Texts.GroupValue(language, "status", c.Status), Day(c.CancelBy),
                "#" + c.DaysToCancelBy.ToString(CultureInfo.InvariantCulture), "#" + (c.AnnualFee is { } fee ? Money(fee, language) : ""),
            }),
            t("table.empty"), (1, [.. model.ContractsToAct.Select(c => c.AccountId)], language));
    }

    /// <summary>
    /// A table; a heading or cell starting with '#' is a number, right-aligned. With <paramref name="accounts"/>, the
    /// cells of that column link to the page of the row's account (ids in row order).
    /// </summary>
    internal static void Table(StringBuilder html, string id, string title, string[] headings, IEnumerable<string[]> rows, string empty,
        (int Column, IReadOnlyList<string> Ids, Language Language)? accounts = null)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"{id}\"><h2>{E(title)}</h2>\n<table>\n<thead><tr>");
        foreach (var heading in headings)
        {
            html.Append(Cell("th", heading));
        }

        html.Append("</tr></thead>\n<tbody>\n");
        var count = 0;
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var c = 0; c < row.Length; c++)
            {
                html.Append(accounts is { } link && link.Column == c
                    ? $"<td><a class=\"account\" href=\"/accounts/{E(Uri.EscapeDataString(link.Ids[count]))}?lang={LanguageChoice.Code(link.Language)}\">{E(row[c])}</a></td>"
                    : Cell("td", row[c]));
            }

            count++;

            html.Append("</tr>\n");
        }

        if (count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td colspan=\"{headings.Length}\">{E(empty)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static string Cell(string tag, string text) =>
        text.StartsWith('#') ? $"<{tag} class=\"number\">{E(text[1..])}</{tag}>" : $"<{tag}>{E(text)}</{tag}>";

    internal static string LanguageLink(ChartRequest request, Language language, string label) =>
        $"<a id=\"lang-{LanguageChoice.Code(language)}\" href=\"/?{E(request.QueryString(language))}\"{(language == request.Language ? " aria-current=\"true\"" : "")}>{label}</a>";

    private static string Option(string value, string label, bool selected) =>
        $"<option value=\"{E(value)}\"{(selected ? " selected" : "")}>{E(label)}</option>";

    internal static string Money(decimal amount, Language language, string format = "N0") =>
        (amount < 0 ? "-" : "") + (language == Language.Zh ? "¥" : "CNY ") + Math.Abs(amount).ToString(format, CultureInfo.InvariantCulture);

    internal static string Percent(decimal? share) =>
        share is { } s ? (s * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string E(string text) => Encoder.Encode(text);

    private static string ReadCss()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Dashboard/dashboard.css")
            ?? throw new InvalidOperationException("dashboard.css is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
