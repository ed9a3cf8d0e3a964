namespace Analytics.Ingest.Demo;

/// <summary>
/// The demo's groups of companies (集团客户): every 97th account (KA0000097, KA0000194, ...) heads a group of 2 to 6
/// companies, itself and the accounts right after it; in a group of four or more the last names the second as its
/// parent, so the group has three levels. Taken from the account numbers alone, never from the random streams, so
/// giving accounts parents changes no other row of the demo.
/// </summary>
internal static class DemoGroups
{
    private const int Spacing = 97;

    /// <summary>The parent account id of account <paramref name="number"/> (1-based), or null when it names none.</summary>
    public static string? ParentOf(int number)
    {
        var offset = number % Spacing;
        var top = number - offset;
        var size = 2 + (top / Spacing % 5);
        return top == 0 || offset == 0 || offset >= size ? null
            : size >= 4 && offset == size - 1 ? AccountProfile.Id(top + 1)
            : AccountProfile.Id(top);
    }
}
