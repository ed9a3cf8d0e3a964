using System.Globalization;
using System.Text;
using Analytics.ReportApi.Charts;
using static Analytics.ReportApi.Dashboard.DashboardPage;

namespace Analytics.ReportApi.Accounts;

/// <summary>
/// One company on one page, rendered on the server with the dashboard's style sheet and table layout: who it is, where
/// it stands and stood, revenue and margin by month (two charts), orders, service, contracts, payments, scores against
/// the previous pass, campaigns and the next best actions. No script.
/// </summary>
internal static class AccountPage
{
    public static string Render(AccountModel model, Language language, long dataVersion)
    {
        ArgumentNullException.ThrowIfNull(model);
        string T(string key) => AccountTexts.Get(language, key);
        var p = model.Profile;
        var html = new StringBuilder();
        var id = Uri.EscapeDataString(p.AccountId);
        var title = AccountTexts.Format(language, "title", p.Name);
        AppendHead(html, language, title, p.AsOf, dataVersion,
            $"<a id=\"back\" href=\"/?lang={LanguageChoice.Code(language)}\">{E(T("back"))}</a>{Switch(id, language, Language.Zh, "中文")}{Switch(id, language, Language.En, "English")}");
        html.Append("<main>\n<div class=\"tables\">\n");
        AppendActions(html, model, language, T);
        Fields(html, "who", T("who"),
        [
            (T("f.account_id"), p.AccountId), (T("f.name"), p.Name), (T("f.english_name"), p.EnglishName ?? ""), (T("f.tax_id"), p.TaxId ?? ""),
            (T("f.industry"), p.Industry ?? ""), (T("f.region"), p.Region ?? ""), (T("f.city"), p.City ?? ""), (T("f.owner"), p.Owner ?? ""),
            (T("f.created_on"), p.CreatedOn is { } c ? Day(c) : ""),
            (T("f.consent"), p.ContactConsent is { } consent ? T(consent ? "yes" : "no") : T("unknown")),
            (T("f.duplicates"), p.Duplicates ?? T("none")), (T("f.group"), AccountGroup.Name(model.Group) ?? T("none")),
        ]);
        Fields(html, "standing", T("standing"),
        [
            (T("f.tier"), p.Tier is { } tier ? Texts.GroupValue(language, "tier", tier) : ""),
            (T("f.level"), p.Level is { } level ? Texts.GroupValue(language, "level", level.ToString(CultureInfo.InvariantCulture)) : ""),
            (T("f.stage"), p.LifecycleStage is { } stage ? Texts.GroupValue(language, "lifecycle_stage", stage) : ""),
            (T("f.rfm"), p.RfmSegment ?? ""), (T("f.churned_on"), p.ChurnedOn is { } churned ? Day(churned) : T("none")),
        ]);
        AccountGroup.Append(html, model.Group, language);
        Table(html, "standing-history", T("standing.history"),
            [T("col.month"), T("f.tier"), T("f.level"), T("f.stage"), "#" + T("col.value")],
            model.Standing.Select(s => new[]
            {
                s.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), Texts.GroupValue(language, "tier", s.Tier),
                Texts.GroupValue(language, "level", s.Level.ToString(CultureInfo.InvariantCulture)), Texts.GroupValue(language, "lifecycle_stage", s.LifecycleStage),
                "#" + Money(s.Value, language),
            }),
            T("none"));
        html.Append("</div>\n<section class=\"charts\">\n");
        foreach (var chart in AccountCharts.Names)
        {
            html.Append(ChartFigure.Html(chart, $"/accounts/{id}/charts/{chart}.svg?lang={LanguageChoice.Code(language)}", T("months")));
        }

        html.Append("</section>\n<div class=\"tables\">\n");
        AppendOrders(html, model, language, T);
        AppendService(html, model, T);
        AppendContracts(html, model, language, T);
        AppendPayments(html, model, language, T);
        AppendScores(html, model, language, T);
        Table(html, "campaigns", T("campaigns"), [T("col.campaign"), T("col.frozen_on"), T("col.group")],
            model.Campaigns.Select(c => new[] { c.Name, Day(c.FrozenOn), T(c.IsControl ? "group.control" : "group.targeted") }), T("none"));
        html.Append("</div>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendActions(StringBuilder html, AccountModel model, Language language, Func<string, string> t) =>
        Table(html, "actions", t("actions"),
            [t("col.rank"), t("col.action"), t("col.driver"), t("col.due_by"), "#" + t("col.probability_now"), "#" + t("col.probability_after")],
            model.Actions.Select(a => new[]
            {
                "#" + a.Rank.ToString(CultureInfo.InvariantCulture), t("action." + a.Action),
                $"{Describe(a.Feature, a.CurrentValue, language)} → {Describe(a.Feature, a.HealthyValue, language)}",
                a.DueBy is { } due ? Day(due) : "", "#" + Percent((decimal)a.ChurnProbability), "#" + Percent((decimal)a.ProbabilityAfter),
            }),
            t("actions.none"));

    private static void AppendOrders(StringBuilder html, AccountModel model, Language language, Func<string, string> t) =>
        Table(html, "orders", t("orders"),
            [t("col.order"), t("col.date"), t("col.channel"), t("col.contract"), "#" + t("col.amount"), t("col.payment")],
            model.Orders.Select(o => new[] { o.OrderId, Day(o.OrderDate), o.Channel, o.ContractId, "#" + Money(o.NetAmount, language, "N2"), o.PaymentStatus }),
            t("none"));

    private static void AppendService(StringBuilder html, AccountModel model, Func<string, string> t)
    {
        var s = model.Service;
        Fields(html, "service", t("service"),
        [
            (t("f.tickets"), Whole(s.Tickets)), (t("f.breaches"), Whole(s.SlaBreaches)), (t("f.complaints"), Whole(s.Complaints)),
            (t("f.open_complaints"), Whole(s.OpenComplaints)),
            (t("f.satisfaction"), s.Satisfaction is { } sat ? sat.ToString("0.00", CultureInfo.InvariantCulture) : t("none")),
            (t("f.visits"), $"{Whole(s.VisitsDone)} / {Whole(s.VisitsOwed)}"),
        ]);
    }

    private static void AppendContracts(StringBuilder html, AccountModel model, Language language, Func<string, string> t) =>
        Table(html, "contracts", t("contracts"),
            [t("col.contract"), t("col.term"), t("col.auto_renew"), "#" + t("col.fee"), t("col.status"), "#" + t("col.renewals"), t("col.cancel_by"),
                "#" + t("col.cap"), "#" + t("col.above_cap"), "#" + t("col.owed")],
            model.Contracts.Select(c => new[]
            {
                c.ContractId, $"{Day(c.StartDate)} – {(c.EndDate is { } end ? Day(end) : "")}", t(c.AutoRenew ? "yes" : "no"),
                "#" + (c.AnnualFee is { } fee ? Money(fee, language) : ""), Texts.GroupValue(language, "status", c.Status),
                "#" + Whole(c.Renewals), c.CancelBy is { } cancel ? Day(cancel) : "",
                "#" + (c.MarginCapPct is { } cap ? cap.ToString("0.##", CultureInfo.InvariantCulture) + "%" : ""),
                "#" + Whole(c.OrdersAboveCap), "#" + Money(c.AmountOwed, language, "N2"),
            }),
            t("none"));

    private static void AppendPayments(StringBuilder html, AccountModel model, Language language, Func<string, string> t)
    {
        var p = model.Payments;
        Fields(html, "payments", t("payments"),
        [
            (t("f.invoices"), Whole(p.Invoices)), (t("f.late_invoices"), Whole(p.LateInvoices)),
            (t("f.overdue"), $"{Whole(p.OverdueInvoices)} · {Money(p.OverdueAmount, language, "N2")}"),
            (t("f.open_amount"), Money(p.OpenAmount, language, "N2")), (t("f.late_fees"), Money(p.LateFees, language, "N2")),
            (t("f.late_payer"), t(p.IsLatePayer ? "yes" : "no")),
        ]);
    }

    private static void AppendScores(StringBuilder html, AccountModel model, Language language, Func<string, string> t)
    {
        var latest = model.Scores.FirstOrDefault(s => s.Pass == "latest");
        var previous = model.Scores.FirstOrDefault(s => s.Pass == "previous");
        if (latest is null)
        {
            Table(html, "scores", t("scores"), [t("col.score")], [], t("no_scores"));
            return;
        }

        string Share(double? v) => v is { } x ? Percent((decimal)x) : "–";
        string Amount(decimal? v) => v is { } x ? Money(x, language) : "–";
        string ShareChange(double? now, double? before) =>
            now is { } n && before is { } b ? ((n - b) * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pp" : "–";
        // The parametric bootstrap's 5th to 95th percentile of CLV (the fit's uncertainty, issue 19).
        string Interval(AccountScore s) => s.ClvLow is { } low && s.ClvHigh is { } high ? Amount(low) + " – " + Amount(high) : "–";
        string AmountChange(decimal? now, decimal? before) =>
            now is { } n && before is { } b ? (n >= b ? "+" : "") + Money(n - b, language) : "–";
        var rows = new List<string[]>
        {
            new[] { t("s.churn"), "#" + Share(latest.ChurnProbability), "#" + Share(previous?.ChurnProbability), "#" + ShareChange(latest.ChurnProbability, previous?.ChurnProbability) },
            new[] { t("s.band"), latest.RiskBand is { } band ? Texts.GroupValue(language, "band", band) : "–", previous?.RiskBand is { } old ? Texts.GroupValue(language, "band", old) : "–", "" },
            new[] { t("s.value"), "#" + Amount(latest.PredictedValue), "#" + Amount(previous?.PredictedValue), "#" + AmountChange(latest.PredictedValue, previous?.PredictedValue) },
            new[] { t("s.clv"), "#" + Amount(latest.Clv), "#" + Amount(previous?.Clv), "#" + AmountChange(latest.Clv, previous?.Clv) },
            new[] { t("s.clv_interval"), "#" + Interval(latest), "#" + (previous is null ? "–" : Interval(previous)), "" },
            new[] { t("s.p_alive"), "#" + Share(latest.PAlive), "#" + Share(previous?.PAlive), "#" + ShareChange(latest.PAlive, previous?.PAlive) },
            new[] { t("s.non_renewal"), "#" + Share(latest.NonRenewalProbability), "#" + Share(previous?.NonRenewalProbability), "#" + ShareChange(latest.NonRenewalProbability, previous?.NonRenewalProbability) },
            new[] { t("s.reasons"), string.Join(language == Language.Zh ? "；" : "; ", latest.Reasons.Select(r => language == Language.Zh ? r.Zh : r.En)), "", "" },
        };
        Table(html, "scores", t("scores"),
            [t("col.score"), "#" + AccountTexts.Format(language, "col.latest", Day(latest.AsOf)),
                "#" + (previous is null ? AccountTexts.Format(language, "col.previous", "–") : AccountTexts.Format(language, "col.previous", Day(previous.AsOf))),
                "#" + t("col.change")],
            rows, t("no_scores"));
    }

    /// <summary>A two-column table of named values.</summary>
    private static void Fields(StringBuilder html, string id, string title, IReadOnlyList<(string Name, string Value)> fields)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"{id}\"><h2>{E(title)}</h2>\n<table>\n<tbody>\n");
        foreach (var (name, value) in fields)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(name)}</th><td>{E(value)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static string Describe(string feature, double value, Language language)
    {
        var (en, zh) = Models.Features.FeatureWords.Describe(feature, value);
        return language == Language.Zh ? zh : en;
    }

    private static string Switch(string id, Language current, Language language, string label) =>
        $"<a id=\"lang-{LanguageChoice.Code(language)}\" href=\"/accounts/{E(id)}?lang={LanguageChoice.Code(language)}\"{(language == current ? " aria-current=\"true\"" : "")}>{label}</a>";

    private static string Whole(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
