namespace Analytics.ReportApi.Charts.Layout;

/// <summary>
/// Which category labels (months, bins) an axis names. Each category owns an equal slot of the axis; when the widest
/// label and a gap do not fit in one slot, only every step-th label is shown, counted back from the last category so
/// the latest month is always named. Labels stay level: a turned label's box would reach over its neighbours' slots.
/// </summary>
internal static class TickThinning
{
    /// <summary>The space kept clear between two neighbouring labels, in pixels.</summary>
    public const double Gap = 10;

    public static int Step(int categories, double axisWidth, double widestLabel)
    {
        if (categories <= 1 || axisWidth <= 0)
        {
            return 1;
        }

        var slot = axisWidth / categories;
        return Math.Max(1, (int)Math.Ceiling((widestLabel + Gap) / slot));
    }

    public static bool Shown(int index, int categories, int step) => (categories - 1 - index) % step == 0;
}
