using System.Globalization;

namespace Analytics.Ingest.Demo;

/// <summary>
/// Who an account is and the traits its history unfolds from: how big it is and which way it is heading,
/// how well it starts out with the supplier, whether it pays late. Drawn once from the account's own random stream.
/// </summary>
internal sealed record AccountProfile
{
    // Unified social credit codes use these 31 characters (no I, O, S, V, Z).
    private const string CreditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] CreditCodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public required int Number { get; init; }

    public required string AccountId { get; init; }

    public required string Name { get; init; }

    /// <summary>Trade name and business word (华信科技): the part of the name every variant keeps.</summary>
    public required string Brand { get; init; }

    /// <summary>The brand in English (Huaxin Technology).</summary>
    public required string BrandEnglish { get; init; }

    /// <summary>The legal form that ends the name (有限公司, 股份有限公司...).</summary>
    public required string LegalForm { get; init; }

    public string? EnglishName { get; init; }

    public string? TaxId { get; init; }

    public required string Industry { get; init; }

    public required int CityIndex { get; init; }

    public City City => Cities.All[CityIndex];

    /// <summary>A second city where big accounts have a branch served by that city's station; -1 for none.</summary>
    public int BranchCityIndex { get; init; } = -1;

    public required string Owner { get; init; }

    public required DateOnly CreatedOn { get; init; }

    /// <summary>The 1-2 designated contacts (指定联系人) who may ask for service.</summary>
    public required string[] Contacts { get; init; }

    public required string ContactPhone { get; init; }

    /// <summary>Yearly buying power relative to a median account, heavy-tailed.</summary>
    public double Size { get; init; }

    /// <summary>Log change of buying power per year: rising accounts become key accounts, falling ones fade.</summary>
    public double Growth { get; init; }

    /// <summary>Months of exploration (考察期) and formation (形成期) before buying at full size.</summary>
    public int ExplorationMonths { get; init; }

    public int FormationMonths { get; init; }

    /// <summary>The latent health the relationship drifts back to when service is good (0..1).</summary>
    public double BaseHealth { get; init; }

    public bool LatePayer { get; init; }

    /// <summary>Account managers who price above the margin cap more often.</summary>
    public bool LaxPricing { get; init; }

    public bool SignsContractAnyway { get; init; }

    public bool AutoRenew { get; init; }

    public int PaymentTermsDays { get; init; }

    public int FirstTermMonths { get; init; }

    public bool ScheduledDeliveries { get; init; }

    /// <summary>The day of the month regular products are delivered (and maintenance visits planned).</summary>
    public int ScheduleDay { get; init; }

    public DuplicateRecord? Duplicate { get; init; }

    /// <summary>For the second account of a near-miss pair (<see cref="NearMiss"/>): the kind; the first account is the one before it.</summary>
    public string? NearMissKind { get; init; }

    public static AccountProfile Draw(DemoWorld world, int index, Random random)
    {
        var profile = DrawOwn(world, index, random);
        string? kind = null;
        var partnerIndex = index ^ 1;
        if (NearMiss.Chosen(world.Options, index / 2))
        {
            var partner = DrawOwn(world, partnerIndex, DemoRandom.For(world.Options.Seed, partnerIndex));
            var (even, odd) = index % 2 == 0 ? (profile, partner) : (partner, profile);
            kind = NearMiss.Kind(world.Options, index / 2, even, odd);
            profile = kind is null ? profile : NearMiss.Rename(kind, profile, even, odd) with { NearMissKind = index % 2 == 1 ? kind : null };
        }

        // Drawn whatever happens, so the account's stream (and its history) is the same; a near miss gets no duplicate.
        var duplicated = random.Chance(0.035);
        return duplicated && kind is null ? profile.WithDuplicate(world, random) : profile;
    }

    /// <summary>The account as its own stream draws it, before it is paired with a near miss or a duplicate.</summary>
    private static AccountProfile DrawOwn(DemoWorld world, int index, Random random)
    {
        var options = world.Options;
        var number = index + 1;
        var cityIndex = random.PickWeighted(Cities.Weights);
        var city = Cities.All[cityIndex];
        var (trade, tradePinyin, word) = ChineseNames.TradeName(index, options.Seed);

        // A third of today's accounts were won during the period; the rest had been customers for up to eight years.
        var created = random.Chance(0.35)
            ? world.Start.AddDays(random.Next(Math.Max(1, world.End.DayNumber - world.Start.DayNumber - 60)))
            : world.Start.AddDays(-random.Next(30, 8 * 365));

        var style = random.NextDouble();
        var brand = trade + word.Chinese;
        var legalForm = style switch
        {
            < 0.45 => "有限公司",
            < 0.60 => "股份有限公司",
            < 0.75 => "有限公司",
            < 0.85 => "有限责任公司",
            < 0.90 => "集团有限公司",
            _ => "有限公司",
        };
        var isGroup = legalForm == "集团有限公司";
        var name = style switch
        {
            < 0.60 or (>= 0.75 and < 0.90) => city.Name + brand + legalForm,
            < 0.75 => $"{brand}（{city.Name}）{legalForm}",
            _ => $"{brand}（中国）{legalForm}",
        };
        var english = style >= 0.9 || random.Chance(0.35)
            ? ChineseNames.English(style >= 0.9 ? "China" : city.Pinyin, $"{tradePinyin} {word.English}", isGroup)
            : null;
        var taxId = random.Chance(0.96) ? CreditCode(random, city.AreaCode) : null;
        var owners = world.OwnersByRegion[city.Region];
        var owner = random.Pick(owners);

        var size = random.LogNormal(1, 1.85);
        var growth = random.NextDouble() switch
        {
            < 0.08 => random.Between(0.45, 0.9),
            < 0.16 => random.Between(-0.6, -0.3),
            _ => random.Normal(0, 0.2),
        };

        var contacts = Enumerable.Range(0, random.Chance(0.6) ? 2 : 1).Select(_ => ChineseNames.Person(random)).ToArray();
        var profile = new AccountProfile
        {
            Number = number,
            AccountId = Id(number),
            Name = name,
            Brand = brand,
            BrandEnglish = $"{tradePinyin} {word.English}",
            LegalForm = legalForm,
            EnglishName = english,
            TaxId = taxId,
            Industry = word.Industry,
            CityIndex = cityIndex,
            BranchCityIndex = size > 6 && random.Chance(0.5) ? random.PickWeighted(Cities.Weights) : -1,
            Owner = owner,
            CreatedOn = created,
            Contacts = contacts,
            ContactPhone = ChineseNames.MobilePhone(random),
            Size = size,
            Growth = growth,
            ExplorationMonths = random.Next(3, 7),
            FormationMonths = random.Next(6, 19),
            BaseHealth = random.Between(0.62, 0.92),
            LatePayer = random.Chance(0.12),
            LaxPricing = random.Chance(0.15),
            SignsContractAnyway = random.Chance(0.04),
            AutoRenew = random.Chance(0.8),
            PaymentTermsDays = random.NextDouble() switch { < 0.7 => 30, < 0.85 => 45, < 0.95 => 60, _ => 15 },
            FirstTermMonths = random.NextDouble() switch { < 0.6 => 12, < 0.85 => 24, _ => 36 },
            ScheduledDeliveries = random.Chance(0.7),
            ScheduleDay = random.Next(1, 29),
        };
        return profile;
    }

    public static string Id(int number) => string.Create(CultureInfo.InvariantCulture, $"KA{number:D7}");

    private AccountProfile WithDuplicate(DemoWorld world, Random random)
    {
        var earliest = Math.Max(CreatedOn.DayNumber + 60, world.Start.AddYears(-2).DayNumber);
        var latest = world.End.DayNumber - 120;
        if (earliest >= latest)
        {
            return this;
        }

        var english = EnglishName ?? ChineseNames.English(City.Pinyin, BrandEnglish, LegalForm == "集团有限公司");
        var bracketed = Name.Contains('（', StringComparison.Ordinal);
        var variant = random.Next(4);
        var name = variant switch
        {
            // 有限公司 and 有限责任公司 are the same legal form, written both ways in practice.
            0 when LegalForm == "有限公司" => Name[..^LegalForm.Length] + "有限责任公司",
            0 => Name[..^LegalForm.Length] + "有限公司",
            1 when bracketed => Name.Replace('（', '(').Replace('）', ')'),
            1 => $"{Brand}({City.Name}){LegalForm}",
            2 => english,
            _ => bracketed ? City.Name + Brand + LegalForm : Brand + LegalForm,
        };
        // Later kinds of variation come from a stream of their own, so every draw above (and the account's history) stays as it was.
        var extra = DemoRandom.For(world.Options.Seed, -2_000_000L - Number);
        var kind = extra.Next(9);
        var variation = kind switch
        {
            4 => "北京 / 北京市",
            5 => "traditional characters",
            6 => "full-width English name",
            7 => bracketed ? "city first" : "city in brackets",
            8 => "English name, city in brackets",
            _ => new[] { "有限公司 / 有限责任公司", "brackets", "English name", bracketed ? "city first" : "city left out" }[variant],
        };
        name = kind switch
        {
            4 => City.Name + "市" + Brand + LegalForm,
            5 => NearMiss.Traditional(Name),
            6 => FullWidth(english),
            7 => bracketed ? City.Name + Brand + LegalForm : $"{Brand}（{City.Name}）{LegalForm}",
            8 => $"{BrandEnglish} ({City.Pinyin}){(LegalForm == "集团有限公司" ? " Group" : "")} Co., Ltd.",
            _ => name,
        };
        var englishName = variant == 2 || kind is 6 or 8;
        // The same tax id on both records (60%), none on the second (30%), or only the second has it (10%).
        var taxDraw = random.NextDouble();
        var secondTaxId = taxDraw is >= 0.6 and < 0.9 ? null : TaxId;
        if (secondTaxId is not null && extra.Chance(0.4))
        {
            // Typed by hand: in groups of four, in lower case.
            secondTaxId = string.Join(' ', secondTaxId.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
            variation += ", tax id with blanks in lower case";
        }

        var duplicate = new DuplicateRecord(
            Id(world.Options.Accounts + Number),
            name,
            variant == 2 || random.Chance(0.3) ? english : null,
            secondTaxId,
            random.Chance(0.5) ? Owner : random.Pick(world.OwnersByRegion[City.Region]),
            DateOnly.FromDayNumber(random.Next(earliest, latest)),
            random.Between(0.25, 0.6),
            variation);
        return this with
        {
            TaxId = taxDraw >= 0.9 ? null : TaxId,
            EnglishName = englishName ? english : EnglishName,
            Duplicate = duplicate,
        };
    }

    /// <summary>Latin letters, digits and punctuation in their full-width forms (Ａ, １, ，), the ideographic space for a blank.</summary>
    private static string FullWidth(string text) =>
        new(text.Select(c => c == ' ' ? '\u3000' : c is > ' ' and <= '~' ? (char)(c + 0xFEE0) : c).ToArray());

    /// <summary>An 18-character unified social credit code: 9 (enterprise) 1, area code, organisation code, check character (GB 32100-2015).</summary>
    private static string CreditCode(Random random, string areaCode)
    {
        Span<char> code = stackalloc char[18];
        code[0] = '9';
        code[1] = '1';
        areaCode.AsSpan().CopyTo(code[2..]);
        for (var i = 8; i < 17; i++)
        {
            code[i] = CreditCodeAlphabet[random.Next(CreditCodeAlphabet.Length)];
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += CreditCodeAlphabet.IndexOf(code[i], StringComparison.Ordinal) * CreditCodeWeights[i];
        }

        code[17] = CreditCodeAlphabet[(31 - (sum % 31)) % 31];
        return new string(code);
    }
}
