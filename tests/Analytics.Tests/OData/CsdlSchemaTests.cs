using System.Diagnostics;

namespace Analytics.Tests.OData;

/// <summary>$metadata is valid CSDL by the OASIS schemas (npm package odata-csdl, fetched by ./test.sh), checked with xmllint.</summary>
public sealed class CsdlSchemaTests(ODataBook book) : IClassFixture<ODataBook>
{
    private static string Schemas => Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "analytics", "odata-csdl", "package", "schemas");

    [Fact]
    public async Task The_metadata_validates_against_the_OASIS_CSDL_schema()
    {
        Assert.True(File.Exists(Path.Combine(Schemas, "edmx.xsd")), $"The CSDL schemas are not in {Schemas}; ./test.sh fetches them.");
        using var folder = new Support.TempFolder();
        var metadata = folder.File("metadata.xml");
        await File.WriteAllTextAsync(metadata, await book.Host.Client.GetStringAsync(new Uri("/odata/$metadata", UriKind.Relative)));

        var info = new ProcessStartInfo("xmllint") { WorkingDirectory = Schemas, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "--noout", "--nonet", "--schema", "edmx.xsd", metadata })
        {
            info.ArgumentList.Add(arg);
        }

        using var xmllint = Process.Start(info)!;
        var errors = await xmllint.StandardError.ReadToEndAsync();
        await xmllint.WaitForExitAsync();

        Assert.True(xmllint.ExitCode == 0, errors);
        Assert.Contains("validates", errors, StringComparison.Ordinal);
    }
}
