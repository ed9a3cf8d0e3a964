namespace Analytics.Ingest.Demo;

/// <summary>
/// What demo company to write. <paramref name="Today"/> is passed in, never read from the clock,
/// so the same options always give the same files.
/// </summary>
public sealed record DemoOptions(DateOnly Today, int Accounts = 2000, int Years = 3, int Seed = 42)
{
    /// <summary>The last day the data covers; default: the last day of the month before <see cref="Today"/>.</summary>
    public DateOnly? EndDate { get; init; }

    public DateOnly End => EndDate ?? new DateOnly(Today.Year, Today.Month, 1).AddDays(-1);

    /// <summary>The first day the data covers: <see cref="Years"/> whole years before the day after <see cref="End"/>.</summary>
    public DateOnly Start => End.AddDays(1).AddYears(-Years);

    public void Validate()
    {
        if (Accounts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Accounts), Accounts, "The demo needs at least one account.");
        }

        if (Years is < 1 or > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(Years), Years, "The demo covers 1 to 30 years.");
        }
    }
}
