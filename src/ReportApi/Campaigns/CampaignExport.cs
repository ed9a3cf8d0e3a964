using System.Data;
using System.Globalization;
using System.Text;
using Analytics.ReportApi.Access;
using Analytics.ReportApi.Exports;
using MiniExcelLibs;

namespace Analytics.ReportApi.Campaigns;

/// <summary>
/// A campaign list as CSV (UTF-8 with a byte order mark, so Excel shows Chinese right) or XLSX. The columns are the
/// warehouse's names; a reader whose contacts are masked gets no contact columns at all.
/// </summary>
internal static class CampaignExport
{
    public static byte[] Csv(IReadOnlyList<CampaignMember> members, ContactVisibility contacts)
    {
        var rows = Rows(members, contacts);
        var text = new StringBuilder();
        text.Append(string.Join(',', Header(contacts))).Append(CsvText.LineEnd);
        foreach (var row in rows)
        {
            text.Append(CsvText.Line(row.Values));
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(IReadOnlyList<CampaignMember> members, ContactVisibility contacts, string sheetName)
    {
        // A table, not a list of rows: an empty list still says what its columns are, and numbers stay numbers.
        using var table = new DataTable(sheetName) { Locale = CultureInfo.InvariantCulture };
        foreach (var name in Header(contacts))
        {
            table.Columns.Add(name, ColumnType(name));
        }

        foreach (var row in Rows(members, contacts))
        {
            table.Rows.Add(row.Values.Select(v => v ?? DBNull.Value).ToArray());
        }

        using var stream = new MemoryStream();
        stream.SaveAs(table, sheetName: sheetName, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static Type ColumnType(string column) => column switch
    {
        "level" => typeof(int),
        "churn_probability" or "churn_probability_change" => typeof(double),
        "predicted_value" or "revenue_12m" => typeof(decimal),
        _ => typeof(string),
    };

    private static List<string> Header(ContactVisibility contacts) =>
    [
        "account_id", "name", "region", "industry", "tier", "level", "lifecycle_stage", "churn_probability",
        "churn_probability_change", "predicted_value", "revenue_12m", "cancel_by", "top_reasons", "group",
        .. contacts == ContactVisibility.Masked ? Array.Empty<string>() : ["contact_name", "contact_phone"],
    ];

    private static List<Dictionary<string, object?>> Rows(IReadOnlyList<CampaignMember> members, ContactVisibility contacts) =>
        members.Select(m =>
        {
            var row = new Dictionary<string, object?>
            {
                ["account_id"] = m.AccountId,
                ["name"] = m.Name,
                ["region"] = m.Region,
                ["industry"] = m.Industry,
                ["tier"] = m.Tier,
                ["level"] = m.Level,
                ["lifecycle_stage"] = m.LifecycleStage,
                ["churn_probability"] = m.ChurnProbability,
                ["churn_probability_change"] = m.ChurnProbabilityChange,
                ["predicted_value"] = m.PredictedValue,
                ["revenue_12m"] = m.Revenue12m,
                ["cancel_by"] = m.CancelBy?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["top_reasons"] = m.TopReasons,
                ["group"] = m.IsControl ? "control" : "targeted",
            };
            if (contacts != ContactVisibility.Masked)
            {
                row["contact_name"] = m.ContactName;
                row["contact_phone"] = m.ContactPhone;
            }

            return row;
        }).ToList();
}
