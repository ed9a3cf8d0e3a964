using System.Text;
using Analytics.ReportApi.Access;
using Analytics.ReportApi.Exports;

namespace Analytics.ReportApi.Campaigns;

/// <summary>
/// A campaign list as CSV (UTF-8 with a byte order mark, so Excel shows Chinese right) or XLSX. The columns are
/// named as in every other export and the OData feed (the PascalCase of the warehouse column: AccountId,
/// Revenue12m); a reader whose contacts are masked gets no contact columns at all.
/// </summary>
internal static class CampaignExport
{
    public static byte[] Csv(IReadOnlyList<CampaignMember> members, ContactVisibility contacts)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', Header(contacts))).Append(CsvText.LineEnd);
        foreach (var row in Rows(members, contacts))
        {
            text.Append(CsvText.Line(row));
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>Typed cells: numbers stay numbers (money exact), the cancel-by day is a date, the rest text.</summary>
    public static byte[] Xlsx(IReadOnlyList<CampaignMember> members, ContactVisibility contacts, string sheetName)
    {
        using var stream = new MemoryStream();
        using (var sheet = new XlsxSheet(stream, sheetName, Header(contacts)))
        {
            foreach (var row in Rows(members, contacts))
            {
                sheet.Add(row);
            }
        }

        return stream.ToArray();
    }

    private static List<string> Header(ContactVisibility contacts) =>
    [
        "AccountId", "Name", "Region", "Industry", "Tier", "Level", "LifecycleStage", "ChurnProbability",
        "ChurnProbabilityChange", "PredictedValue", "Revenue12m", "CancelBy", "TopReasons", "Group",
        .. contacts == ContactVisibility.Masked ? Array.Empty<string>() : ["ContactName", "ContactPhone"],
    ];

    private static IEnumerable<object?[]> Rows(IReadOnlyList<CampaignMember> members, ContactVisibility contacts) =>
        members.Select(m => (object?[])
        [
            m.AccountId, m.Name, m.Region, m.Industry, m.Tier, m.Level, m.LifecycleStage, m.ChurnProbability,
            m.ChurnProbabilityChange, m.PredictedValue, m.Revenue12m, m.CancelBy, m.TopReasons, m.IsControl ? "control" : "targeted",
            .. contacts == ContactVisibility.Masked ? Array.Empty<object?>() : [m.ContactName, m.ContactPhone],
        ]);
}
