#:package ScottPlot
// The 80/20 story of 01-pareto-and-tiers.ipynb for analysts who stay in .NET: `dotnet run notebooks/pareto.cs [chart.png]`.
// It reads AccountTiers and ParetoHeadline over OData (the key sent, @odata.nextLink followed), recomputes the share
// of value the top accounts bring in exact decimals, prints the tiers and draws the Pareto curve with Chinese labels.
// ANALYTICS_URL (default http://localhost:5000) and ANALYTICS_KEY (default the demo analyst key) say where and who.
// ScottPlot's version is the repository's (Directory.Packages.props), so the chart looks like the dashboard's.
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScottPlot;

var url = (Environment.GetEnvironmentVariable("ANALYTICS_URL") is { Length: > 0 } given ? given : "http://localhost:5000").TrimEnd('/');
var key = Environment.GetEnvironmentVariable("ANALYTICS_KEY") is { Length: > 0 } secret ? secret : "demo-analyst-key";
var chartPath = Path.GetFullPath(args.Length > 0 ? args[0] : "pareto.png");
var culture = CultureInfo.InvariantCulture;

using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

var tiers = await ReadAllAsync(http, new Uri($"{url}/odata/AccountTiers?$select=MasterAccountId,Name,Value,Tier"));
var headline = (await ReadAllAsync(http, new Uri($"{url}/odata/ParetoHeadline"))).Single();

// Ranked: the master accounts with a positive value in the Pareto window, largest first (as the marts rank them).
var ranked = tiers.Select(t => (Name: t.GetProperty("Name").GetString()!, Value: t.GetProperty("Value").GetDecimal()))
    .Where(t => t.Value > 0)
    .OrderByDescending(t => t.Value)
    .ToList();
var topShare = headline.GetProperty("TopShare").GetDecimal();
var topAccounts = (int)Math.Ceiling(ranked.Count * topShare);
var total = ranked.Sum(t => t.Value);
var topValueShare = ranked.Take(topAccounts).Sum(t => t.Value) / total;

Console.WriteLine(string.Create(culture,
    $"The top {topShare:0%} of {ranked.Count} ranked accounts ({topAccounts}) bring {topValueShare:0.0%} of the value " +
    $"(the ParetoHeadline mart says {headline.GetProperty("TopValueShare").GetDouble():0.0%})."));
var byTier = tiers.GroupBy(t => t.GetProperty("Tier").GetString()!).OrderBy(g => g.Key, StringComparer.Ordinal)
    .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
foreach (var (tier, accounts) in byTier)
{
    Console.WriteLine(string.Create(culture, $"Tier {tier}: {accounts} accounts"));
}

// The curve: after the largest n accounts, which share of the value has come in.
var xs = new double[ranked.Count];
var ys = new double[ranked.Count];
var running = 0m;
for (var i = 0; i < ranked.Count; i++)
{
    running += ranked[i].Value;
    xs[i] = (i + 1.0) / ranked.Count;
    ys[i] = (double)(running / total);
}

var plot = new Plot();
plot.Font.Set("Noto Sans CJK SC");
plot.Add.ScatterLine(xs, ys);
plot.Add.VerticalLine((double)topShare, pattern: LinePattern.Dashed);
plot.Add.HorizontalLine((double)topValueShare, pattern: LinePattern.Dashed);
plot.Title(string.Create(culture, $"帕累托曲线：前{topShare:0%}客户贡献 {topValueShare:0%} 的价值"));
plot.XLabel("客户占比 (按价值排序)");
plot.YLabel("价值占比");
plot.SavePng(chartPath, 800, 500);
Console.WriteLine($"Chart: {chartPath}");

// The same parseable line as the notebook's figures() (a script or the project's test reads it).
var figures = new JsonObject
{
    ["ranked_accounts"] = ranked.Count,
    ["tier_a"] = byTier.GetValueOrDefault("A"),
    ["tier_b"] = byTier.GetValueOrDefault("B"),
    ["tier_c"] = byTier.GetValueOrDefault("C"),
    ["top_accounts"] = topAccounts,
    ["top_value_share"] = Math.Round(topValueShare, 6),
};
Console.WriteLine("FIGURES " + figures.ToJsonString());

// Every row of a set, page after page: the service sends at most 5,000 per page and the link to the next.
static async Task<List<JsonElement>> ReadAllAsync(HttpClient http, Uri first)
{
    var rows = new List<JsonElement>();
    for (Uri? next = first; next is not null;)
    {
        using var answer = await http.GetAsync(next);
        var body = await answer.Content.ReadAsStringAsync();
        if (!answer.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)answer.StatusCode} from {next}: {body}");
        }

        using var page = JsonDocument.Parse(body);
        rows.AddRange(page.RootElement.GetProperty("value").EnumerateArray().Select(row => row.Clone()));
        next = page.RootElement.TryGetProperty("@odata.nextLink", out var link) ? new Uri(link.GetString()!) : null;
    }

    return rows;
}
