using System.Globalization;
using System.Text.Json;
using Analytics.Tests.OData;

namespace Analytics.Tests.Exports;

/// <summary>
/// Every entity set's /exports/{set}.xlsx opens in exceljs and openpyxl, and both read back the values the OData
/// feed answers for the same set, cell by cell: text stays text (a phone number of bare digits is not a number),
/// instants keep their time, money its exact digits.
/// </summary>
public sealed class XlsxReaderTests(ODataBook book) : IClassFixture<ODataBook>
{
    [Fact]
    public async Task Every_sets_xlsx_opens_in_exceljs_and_openpyxl_with_the_feeds_values()
    {
        using var folder = new Support.TempFolder();
        var sets = (await book.Host.Json("/odata")).GetProperty("value").EnumerateArray()
            .Where(s => s.GetProperty("kind").GetString() == "EntitySet").Select(s => s.GetProperty("url").GetString()!).ToList();
        Assert.Contains("Tickets", sets);
        var expected = new Dictionary<string, List<List<string?>>>();
        foreach (var set in sets)
        {
            using var response = await book.Host.Client.GetAsync(new Uri($"/exports/{set}.xlsx", UriKind.Relative));
            Assert.True(response.IsSuccessStatusCode, $"{set}.xlsx answered {(int)response.StatusCode}");
            await File.WriteAllBytesAsync(folder.File($"{set}.xlsx"), await response.Content.ReadAsByteArrayAsync());
            expected[$"{set}.xlsx"] = FeedRows(await book.Host.All($"/odata/{set}"));
        }

        var exceljs = await SpreadsheetReaders.ExcelJs(folder.Path);
        var openpyxl = await SpreadsheetReaders.OpenPyxl(folder.Path);

        foreach (var (file, rows) in expected)
        {
            // The header row, then one row per feed row, the same texts (the readers' types aside); an empty set's
            // sheet is its header alone.
            Assert.Equal(Texts(rows), rows.Count == 0 ? [] : Texts(exceljs[file]));
            Assert.True(exceljs[file].Count == rows.Count + (rows.Count == 0 ? 1 : 0), $"{file}: {exceljs[file].Count} rows");
            Assert.Equal(exceljs[file], openpyxl[file]);
        }

        // Types, by hand: the phone number and tax id are text, the ticket opened at 10:00 Shanghai is 02:00 UTC with
        // its time, O4's net amount is 5500.50 x 0.75 exactly, the order day is a day.
        var accounts = Row(exceljs["Accounts.xlsx"], "A1");
        Assert.Contains("s:13800000001", accounts);
        Assert.Contains("s:91310000MA1FL0001", accounts);
        Assert.Contains("t:2024-03-04T02:00:00Z", Row(openpyxl["Tickets.xlsx"], "T1"));
        Assert.Contains("n:4125.375", Row(exceljs["Orders.xlsx"], "O4"));
        Assert.Contains("d:2025-01-01", Row(openpyxl["Orders.xlsx"], "O4"));
    }

    private static List<string?> Row(List<List<string?>> sheet, string id) => sheet.Single(r => r.Count > 0 && r[0] == "s:" + id);

    /// <summary>The header, then the rows in one order (the feed pages by key; the export keeps DuckDB's order).</summary>
    private static List<List<string?>> Texts(List<List<string?>> rows) =>
    [
        .. rows.Take(1).Concat(rows.Skip(1).OrderBy(r => string.Join('\u0001', r), StringComparer.Ordinal))
            .Select(r => r.Select(c => c is null ? null : Number(c[2..])).ToList()),
    ];

    /// <summary>Numbers compared by value (the feed may write 11097.90, a reader 11097.9).</summary>
    private static string Number(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d.ToString("0.############################", CultureInfo.InvariantCulture) : text;

    /// <summary>The feed's rows as a sheet: a header of property names, then each value's JSON text (strings unquoted).</summary>
    private static List<List<string?>> FeedRows(List<JsonElement> rows)
    {
        var names = rows.Count == 0 ? null : rows[0].EnumerateObject().Select(p => p.Name).Where(n => !n.StartsWith('@')).ToList();
        var sheet = new List<List<string?>>();
        if (names is not null)
        {
            sheet.Add([.. names.Select(n => "s:" + n)]);
        }

        sheet.AddRange(rows.Select(r => names!.Select(n => r.GetProperty(n) switch
        {
            { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.String } s => "s:" + s.GetString(),
            var v => "x:" + v.GetRawText(),
        }).ToList()));
        return sheet;
    }
}
