using Microsoft.Playwright;

namespace Analytics.Tests.Dashboard;

/// <summary>
/// Debian's headless Chromium driven through Playwright (its own browser download cannot work here), with the
/// flags that keep it from reaching for hosts it cannot reach. One browser per test class; a fresh context per test.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>A script counting the page's charts (SVG in &lt;object&gt;) that have loaded as SVG with a size, and all of them.</summary>
    public const string LoadedCharts =
        "() => { const all = [...document.querySelectorAll('.charts object')]; "
        + "return [all.filter(o => o.contentDocument?.documentElement?.localName === 'svg' && o.getBoundingClientRect().width > 0).length, all.length]; }";

    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    /// <summary>Where the screenshots go: artifacts/screenshots under the repository, kept by CI.</summary>
    public static string Screenshots { get; } = Path.Combine(Support.TestPaths.RepoRoot, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        Directory.CreateDirectory(Screenshots);
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
