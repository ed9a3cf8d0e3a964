namespace Analytics.Ingest.Demo;

/// <summary>
/// The one marketing campaign the demo company ran, so a fresh demo has a campaign whose outcome shows lift: on the
/// last day of the seventh month before the data ends, marketing picked established mid-to-large accounts that had
/// not decided to leave (a sample of them in a big book, so the list stays within a rule's 1,000 ids), held 30% of
/// them out by a hash of the account number, and visited the rest. In the simulation a visited account buys 35% more
/// often from the month after and is half as likely to decide to leave: that planted effect is what the campaign's
/// outcome (targeted against control) should find. Demo data, documented as such (docs/campaigns.md).
/// </summary>
public static class DemoCampaign
{
    public const string Name = "大客户回访（演示） Key-account visits (demo)";

    /// <summary>How much more often a visited account orders after the campaign.</summary>
    internal const double OrderUplift = 1.35;

    /// <summary>How much a visit scales the chance of deciding to leave.</summary>
    internal const double LeaveHazardFactor = 0.5;

    private const double SmallestSize = 4;
    private const double LargestSize = 12;
    private const int MostMembers = 900;

    /// <summary>The freeze day: the last day of the seventh month before the month the data ends in.</summary>
    public static DateOnly FrozenOn(DateOnly dataEnd) => new DateOnly(dataEnd.Year, dataEnd.Month, 1).AddMonths(-6).AddDays(-1);

    /// <summary>
    /// Whether marketing picked the account, and for which group: decided from what is known on the freeze day. The
    /// sample and the hold-out come from hashes of the account number, never from the account's random stream, so
    /// everything before the freeze day is the same as without the campaign.
    /// </summary>
    internal static CampaignGroup Pick(AccountProfile account, DemoWorld world, bool decidedToLeave)
    {
        var frozenOn = FrozenOn(world.End);
        var established = account.CreatedOn.AddMonths(12) <= frozenOn;
        // Expected members before sampling: about a fifth of the book is in the size band.
        var stride = Math.Max(1, (int)Math.Ceiling(world.Options.Accounts * 0.2 / MostMembers));
        var sampled = Hash(account.Number, 0x9E3779B1u) % (uint)stride == 0;
        if (decidedToLeave || !established || !sampled || account.Size is < SmallestSize or > LargestSize)
        {
            return CampaignGroup.None;
        }

        return Hash(account.Number, 0x85EBCA77u) % 10 < 3 ? CampaignGroup.Control : CampaignGroup.Targeted;
    }

    private static uint Hash(int number, uint multiplier)
    {
        var h = unchecked((uint)number * multiplier);
        return h ^ (h >> 15);
    }
}

/// <summary>An account's part in the demo campaign.</summary>
public enum CampaignGroup
{
    None,
    Targeted,
    Control,
}
