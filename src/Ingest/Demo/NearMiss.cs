using Analytics.Warehouse.Marts;

namespace Analytics.Ingest.Demo;

/// <summary>
/// Two different companies whose records look alike and must stay apart: accounts 2p and 2p+1 form pair p, and a
/// few pairs (drawn from the pair's own stream, so neither account's history changes) are renamed after one another:
/// one brand in two cities, a business word one character off (电气 / 电器), one name under two tax ids, or two
/// branches of one bank in two cities. The truth file lists them beside the true duplicates.
/// </summary>
internal static class NearMiss
{
    // Business words one character away from another business (电气 / 电器: electrical equipment / household appliances).
    private static readonly Dictionary<string, string> OneCharacterOff = new(StringComparer.Ordinal)
    {
        ["电气"] = "电器", ["电子"] = "电讯", ["机械"] = "机电", ["化工"] = "化纤", ["软件"] = "硬件", ["物流"] = "物资",
        ["商贸"] = "商务", ["食品"] = "饮品", ["置业"] = "物业", ["证券"] = "债券", ["能源"] = "资源", ["纺织"] = "纺机",
    };

    /// <summary>Whether pair p is drawn to be a near miss (<see cref="Kind"/> says which, if the two accounts allow one).</summary>
    public static bool Chosen(DemoOptions options, int pair) =>
        (pair * 2) + 1 < options.Accounts && DemoRandom.For(options.Seed, -3_000_000L - pair).Chance(0.05);

    /// <summary>The kind of near miss pair p is, or null for most pairs.</summary>
    public static string? Kind(DemoOptions options, int pair, AccountProfile even, AccountProfile odd)
    {
        var random = DemoRandom.For(options.Seed, -3_000_000L - pair);
        if (!random.Chance(0.05) || (pair * 2) + 1 >= options.Accounts)
        {
            return null;
        }

        var otherCity = even.CityIndex != odd.CityIndex && even.City.Name != odd.City.Name;
        return random.Next(4) switch
        {
            0 when otherCity => "one brand in two cities",
            1 when OneCharacterOff.Keys.Any(w => even.Brand.EndsWith(w, StringComparison.Ordinal)) => "one character off",
            2 when even.TaxId is not null && odd.TaxId is not null => "one name under two tax ids",
            3 when otherCity => "two branches of one bank",
            _ when otherCity => "one brand in two cities",
            _ => null,
        };
    }

    /// <summary>The account renamed as the near miss of its pair (<paramref name="self"/> is either of the two).</summary>
    public static AccountProfile Rename(string kind, AccountProfile self, AccountProfile even, AccountProfile odd)
    {
        var isOdd = self.Number == odd.Number;
        var trade = even.Brand[..2];
        var name = kind switch
        {
            "two branches of one bank" => $"{trade}银行{self.City.Name}分行",
            _ when !isOdd => even.Name,
            "one brand in two cities" => odd.City.Name + even.Brand + even.LegalForm,
            "one character off" => even.City.Name + OffByOne(even.Brand) + even.LegalForm,
            _ => even.Name,
        };
        return self with { Name = name, EnglishName = kind == "two branches of one bank" || isOdd ? null : self.EnglishName };
    }

    private static string OffByOne(string brand)
    {
        var word = OneCharacterOff.Keys.First(w => brand.EndsWith(w, StringComparison.Ordinal));
        return brand[..^word.Length] + OneCharacterOff[word];
    }

    /// <summary>A name as written in traditional characters (华信科技 -> 華信科技), with the shipped table read backwards.</summary>
    public static string Traditional(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = TraditionalOf.GetValueOrDefault(chars[i], chars[i]);
        }

        return new string(chars);
    }

    private static readonly Dictionary<char, char> TraditionalOf = NameReference.Simplified
        .GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.First().Key);
}
