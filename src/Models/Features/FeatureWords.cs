using System.Globalization;

namespace Analytics.Models.Features;

/// <summary>
/// Each feature's value said the way a manager says it, in English and Chinese ("3 SLA breaches in 90 days",
/// "90天内3次SLA违约"): the words of a churn reason. A test checks every feature the SQL computes has words.
/// </summary>
public static class FeatureWords
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly Dictionary<string, Func<double, (string En, string Zh)>> Words = new(StringComparer.Ordinal)
    {
        ["recency_days"] = v => ($"last order {Whole(v)} days ago", $"最近一次下单在{Whole(v)}天前"),
        ["tenure_days"] = v => ($"customer for {Whole(v / 30.4)} months", $"合作{Whole(v / 30.4)}个月"),
        ["orders_90d"] = v => ($"{Count(v, "order", "orders")} in 90 days", $"90天内{Whole(v)}笔订单"),
        ["orders_365d"] = v => ($"{Count(v, "order", "orders")} in 12 months", $"12个月内{Whole(v)}笔订单"),
        ["revenue_90d"] = v => ($"sales of {Money(v)} in 90 days", $"90天内销售额{Money(v)}"),
        ["revenue_180d"] = v => ($"sales of {Money(v)} in 6 months", $"6个月内销售额{Money(v)}"),
        ["revenue_365d"] = v => ($"sales of {Money(v)} in 12 months", $"12个月内销售额{Money(v)}"),
        ["revenue_trend"] = v => v >= 1 ? ("sales only in the last 6 months", "销售额全部来自最近6个月")
            : v <= -1 ? ("no sales in 6 months after sales the 6 months before", "前6个月有销售,最近6个月没有")
            : v >= 0 ? ($"sales up {Percent(Change(v))} on the 6 months before", $"销售额比前6个月增长{Percent(Change(v))}")
            : ($"sales down {Percent(-Change(v))} on the 6 months before", $"销售额比前6个月下降{Percent(-Change(v))}"),
        ["order_trend"] = v => v >= 1 ? ("orders only in the last 90 days", "订单全部在最近90天")
            : v <= -1 ? ("no order in 90 days after ordering the 9 months before", "之前9个月有订单,最近90天没有")
            : v >= 0 ? ($"ordering {Percent(Change(v))} more often than before", $"下单频率比之前高{Percent(Change(v))}")
            : ($"ordering {Percent(-Change(v))} less often than before", $"下单频率比之前低{Percent(-Change(v))}"),
        ["margin_365d"] = v => ($"margin {Percent(v)} over 12 months", $"12个月毛利率{Percent(v)}"),
        ["mean_gap_days"] = v => v > 0 ? ($"orders every {Whole(v)} days on average", $"平均每{Whole(v)}天下一次单") : ("no repeat order in 12 months", "12个月内没有再次下单"),
        ["tickets_90d"] = v => ($"{Count(v, "service ticket", "service tickets")} in 90 days", $"90天内{Whole(v)}张服务工单"),
        ["sla_breaches_90d"] = v => ($"{Count(v, "SLA breach", "SLA breaches")} in 90 days", $"90天内{Whole(v)}次SLA违约"),
        ["complaints_90d"] = v => ($"{Count(v, "complaint", "complaints")} in 90 days", $"90天内{Whole(v)}次投诉"),
        ["complaints_365d"] = v => ($"{Count(v, "complaint", "complaints")} in 12 months", $"12个月内{Whole(v)}次投诉"),
        ["satisfaction_180d"] = v => v > 0
            ? ($"satisfaction {v.ToString("0.0", Invariant)} of 5 in 6 months", $"6个月内满意度{v.ToString("0.0", Invariant)}分(满分5分)")
            : ("no satisfaction rating in 6 months", "6个月内没有满意度评价"),
        ["low_ratings_180d"] = v => ($"{Count(v, "low rating (1-2 of 5)", "low ratings (1-2 of 5)")} in 6 months", $"6个月内{Whole(v)}次低分评价(1-2分)"),
        ["contracts_in_force"] = v => v > 0 ? ($"{Count(v, "contract", "contracts")} in force", $"{Whole(v)}份合同有效") : ("no contract in force", "没有有效合同"),
        ["contract_days_to_end"] = v => v > 0 ? ($"contract term ends in {Whole(v)} days", $"合同期还有{Whole(v)}天到期") : ("no contract term running", "没有在履行的合同期"),
        ["contract_auto_renews"] = v => v > 0 ? ("contract renews itself", "合同自动续约") : ("no self-renewing contract", "没有自动续约的合同"),
        ["contracts_ended_365d"] = v => ($"{Count(v, "contract", "contracts")} ended in 12 months", $"12个月内{Whole(v)}份合同终止"),
        ["late_invoices_365d"] = v => ($"{Count(v, "invoice", "invoices")} paid late in 12 months", $"12个月内{Whole(v)}张发票逾期付款"),
        ["late_share_365d"] = v => ($"{Percent(v)} of invoices late in 12 months", $"12个月内{Percent(v)}的发票逾期"),
        ["mean_days_late_365d"] = v => ($"invoices {v.ToString("0", Invariant)} days late on average", $"发票平均逾期{v.ToString("0", Invariant)}天"),
        ["overdue_amount"] = v => v > 0 ? ($"{Money(v)} overdue", $"逾期未付{Money(v)}") : ("nothing overdue", "没有逾期欠款"),
    };

    // What a value that lowers the risk says against the accounts that churned: the model learned the risk from them,
    // so a feature lowers it where the account stands apart from them. The plain words follow in brackets.
    private static readonly Dictionary<string, (string En, string Zh)> Unlike = new(StringComparer.Ordinal)
    {
        ["recency_days"] = ("ordered more recently than most churners", "比多数流失客户下单更近"),
        ["tenure_days"] = ("a customer for longer than most churners", "合作时间比多数流失客户长"),
        ["orders_90d"] = ("ordering more than most churners", "下单比多数流失客户多"),
        ["orders_365d"] = ("ordering more than most churners", "下单比多数流失客户多"),
        ["revenue_90d"] = ("buying more than most churners", "采购额高于多数流失客户"),
        ["revenue_180d"] = ("buying more than most churners", "采购额高于多数流失客户"),
        ["revenue_365d"] = ("buying more than most churners", "采购额高于多数流失客户"),
        ["revenue_trend"] = ("sales holding up better than most churners'", "销售走势好于多数流失客户"),
        ["order_trend"] = ("ordering more steadily than most churners", "下单比多数流失客户稳定"),
        ["mean_gap_days"] = ("ordering more regularly than most churners", "下单比多数流失客户规律"),
        ["sla_breaches_90d"] = ("fewer SLA breaches than most churners had", "SLA违约少于多数流失客户"),
        ["complaints_90d"] = ("fewer complaints than most churners made", "投诉少于多数流失客户"),
        ["complaints_365d"] = ("fewer complaints than most churners made", "投诉少于多数流失客户"),
        ["satisfaction_180d"] = ("more satisfied than most churners", "满意度高于多数流失客户"),
        ["low_ratings_180d"] = ("fewer low ratings than most churners gave", "低分评价少于多数流失客户"),
        ["contracts_in_force"] = ("more firmly under contract than most churners", "合同保障强于多数流失客户"),
        ["contract_days_to_end"] = ("more firmly under contract than most churners", "合同保障强于多数流失客户"),
        ["contract_auto_renews"] = ("more firmly under contract than most churners", "合同保障强于多数流失客户"),
        ["contracts_ended_365d"] = ("fewer contracts ended than for most churners", "终止的合同少于多数流失客户"),
        ["late_invoices_365d"] = ("paying more punctually than most churners", "付款比多数流失客户及时"),
        ["late_share_365d"] = ("paying more punctually than most churners", "付款比多数流失客户及时"),
        ["mean_days_late_365d"] = ("paying more punctually than most churners", "付款比多数流失客户及时"),
        ["overdue_amount"] = ("owing less than most churners", "欠款少于多数流失客户"),
    };

    public static bool Knows(string feature) => Words.ContainsKey(feature);

    /// <summary>
    /// A value that lowers the churn risk, said as what sets the account apart from the churners, with the value in
    /// brackets ("ordered more recently than most churners (last order 104 days ago)"), so a list never reads a lowering
    /// fact as an alarm. <paramref name="plain"/> is the value in plain words (<see cref="Describe"/>, or an attribute's).
    /// </summary>
    public static (string En, string Zh) Lowering(string feature, (string En, string Zh) plain) =>
        Unlike.TryGetValue(feature, out var unlike)
            ? ($"{unlike.En} ({plain.En})", $"{unlike.Zh}({plain.Zh})")
            : ($"{plain.En}, unlike most churners", $"{plain.Zh},与多数流失客户不同");

    public static (string En, string Zh) Describe(string feature, double value) =>
        Words.TryGetValue(feature, out var words) ? words(value) : throw new ArgumentException($"The feature {feature} has no words.", nameof(feature));

    private static string Whole(double v) => Math.Round(v, MidpointRounding.AwayFromZero).ToString("0", Invariant);

    private static string Count(double v, string one, string many) => Math.Round(v) == 1 ? $"1 {one}" : $"{Whole(v)} {many}";

    private static string Percent(double v) => (v * 100).ToString("0", Invariant) + "%";

    private static string Money(double v) => "¥" + Math.Round(v).ToString("N0", Invariant);

    // The trend is (recent - before) / (recent + before); this turns it back into recent / before - 1.
    private static double Change(double trend) => ((1 + trend) / (1 - trend)) - 1;
}
