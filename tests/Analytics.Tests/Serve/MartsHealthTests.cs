using System.Text.Json;
using Analytics.Tests.Support;

namespace Analytics.Tests.Serve;

/// <summary>/health tells whether the marts were built from the data the warehouse holds now.</summary>
public sealed class MartsHealthTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    private static async Task<string> Marts(HttpClient http)
    {
        using var health = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative)));
        var root = health.RootElement;
        return $"{root.GetProperty("marts").GetString()} {root.GetProperty("dataVersion").GetInt64()}/{root.GetProperty("martsVersion").GetInt64()}";
    }

    [Fact]
    public async Task Health_says_stale_while_the_data_version_is_ahead_of_the_marts_and_current_once_they_are_rebuilt()
    {
        _warehouse.LoadText("accounts.csv", "account_id,name\nA1,甲方\n");
        using var factory = new AnalyticsFactory(_warehouse.Database);
        using var http = factory.Client();

        // Starting the service builds the marts from data version 1.
        Assert.Equal("current 1/1", await Marts(http));

        // A load commits; the rebuild after it has not run (as if the process died in between).
        _warehouse.LoadText("orders.csv", "order_id,account_id,order_date,amount\nO1,A1,2025-01-05,100.00\n");
        Assert.Equal("stale 2/1", await Marts(http));

        _warehouse.RefreshMarts();
        Assert.Equal("current 2/2", await Marts(http));
    }
}
