using System.Text.Json;

namespace Analytics.Tests.Charts;

/// <summary>A chart's data as /charts/NAME.json serves it: the numbers its PNG and SVG draw.</summary>
internal sealed record ChartJson(string Title, IReadOnlyList<string> Categories, IReadOnlyList<(string Name, IReadOnlyList<(double X, decimal Y)> Points)> Series, IReadOnlyList<string> Notes, string? EmptyMessage)
{
    public static async Task<ChartJson> GetAsync(HttpClient http, string name, string query = "lang=en")
    {
        using var response = await http.GetAsync(new Uri($"/charts/{name}.json?{query}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{name}: {(int)response.StatusCode} {body}");
        var root = JsonDocument.Parse(body).RootElement;
        return new ChartJson(
            root.GetProperty("title").GetString()!,
            [.. root.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!)],
            [.. root.GetProperty("series").EnumerateArray().Select(s => (
                s.GetProperty("name").GetString()!,
                (IReadOnlyList<(double, decimal)>)[.. s.GetProperty("points").EnumerateArray().Select(p => (p.GetProperty("x").GetDouble(), p.GetProperty("y").GetDecimal()))]))],
            [.. root.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!)],
            root.GetProperty("emptyMessage").GetString());
    }

    /// <summary>The points of one series keyed by their category label (bars and months).</summary>
    public Dictionary<string, decimal> ByCategory(string series) =>
        Series.Single(s => s.Name == series).Points.ToDictionary(p => Categories[(int)p.X], p => p.Y);
}
