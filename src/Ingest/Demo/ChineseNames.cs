using System.Text;

namespace Analytics.Ingest.Demo;

/// <summary>
/// Person names, company names and their English renderings, built from common parts so that
/// they read like a real customer list.
/// </summary>
internal static class ChineseNames
{
    // Commonest first: a person's surname is drawn with weight falling by rank, as in the population.
    private const string Surnames =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

    private const string GivenNameCharacters =
        "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞辉宇浩凯健俊帆雪婷琳晨欣怡博文斌宁宏志建国海燕丹晶颖慧佳思子梓轩诗雨嘉泽瑶琪晓东阳春梅兰峰亮振";

    /// <summary>Characters of trade names (字号) with their pinyin, for the English name.</summary>
    private static readonly (char Hanzi, string Pinyin)[] TradeCharacters =
    [
        ('华', "Hua"), ('信', "Xin"), ('远', "Yuan"), ('达', "Da"), ('恒', "Heng"), ('通', "Tong"), ('泰', "Tai"), ('宏', "Hong"),
        ('盛', "Sheng"), ('鑫', "Xin"), ('瑞', "Rui"), ('祥', "Xiang"), ('安', "An"), ('康', "Kang"), ('顺', "Shun"), ('利', "Li"),
        ('丰', "Feng"), ('源', "Yuan"), ('新', "Xin"), ('中', "Zhong"), ('天', "Tian"), ('海', "Hai"), ('金', "Jin"), ('银', "Yin"),
        ('星', "Xing"), ('辰', "Chen"), ('光', "Guang"), ('明', "Ming"), ('德', "De"), ('诚', "Cheng"), ('正', "Zheng"), ('嘉', "Jia"),
        ('博', "Bo"), ('汇', "Hui"), ('联', "Lian"), ('创', "Chuang"), ('智', "Zhi"), ('科', "Ke"), ('腾', "Teng"), ('飞', "Fei"),
        ('龙', "Long"), ('凯', "Kai"), ('永', "Yong"), ('昌', "Chang"), ('隆', "Long"), ('兴', "Xing"), ('万', "Wan"), ('鼎', "Ding"),
        ('浩', "Hao"), ('宇', "Yu"), ('航', "Hang"), ('峰', "Feng"), ('林', "Lin"), ('森', "Sen"), ('蓝', "Lan"), ('青', "Qing"),
        ('云', "Yun"), ('卓', "Zhuo"), ('越', "Yue"), ('铭', "Ming"), ('晟', "Sheng"), ('弘', "Hong"), ('润', "Run"), ('融', "Rong"),
        ('泽', "Ze"), ('晨', "Chen"), ('宁', "Ning"), ('美', "Mei"), ('佳', "Jia"), ('合', "He"), ('众', "Zhong"), ('和', "He"),
        ('力', "Li"), ('伟', "Wei"), ('立', "Li"), ('方', "Fang"), ('东', "Dong"), ('南', "Nan"), ('西', "Xi"), ('北', "Bei"),
        ('环', "Huan"), ('亚', "Ya"), ('欧', "Ou"), ('奥', "Ao"), ('迪', "Di"), ('思', "Si"), ('维', "Wei"), ('益', "Yi"),
        ('赛', "Sai"), ('威', "Wei"), ('优', "You"), ('捷', "Jie"), ('易', "Yi"), ('卫', "Wei"), ('启', "Qi"), ('鸿', "Hong"),
        ('兆', "Zhao"), ('邦', "Bang"), ('宝', "Bao"), ('富', "Fu"), ('川', "Chuan"), ('峻', "Jun"), ('朗', "Lang"), ('骏', "Jun"),
    ];

    public static IReadOnlyList<IndustryWord> IndustryWords { get; } =
    [
        new("科技", "Technology", "信息技术"),
        new("信息技术", "Information Technology", "信息技术"),
        new("软件", "Software", "信息技术"),
        new("网络科技", "Network Technology", "互联网"),
        new("电子", "Electronics", "电子制造"),
        new("半导体", "Semiconductor", "电子制造"),
        new("电气", "Electric", "装备制造"),
        new("机械", "Machinery", "装备制造"),
        new("精密制造", "Precision Manufacturing", "装备制造"),
        new("汽车零部件", "Auto Parts", "汽车"),
        new("制药", "Pharmaceutical", "医药医疗"),
        new("医疗器械", "Medical Devices", "医药医疗"),
        new("生物科技", "Biotech", "医药医疗"),
        new("物流", "Logistics", "交通物流"),
        new("供应链管理", "Supply Chain Management", "交通物流"),
        new("商贸", "Trading", "批发零售"),
        new("连锁超市", "Supermarket Chain", "批发零售"),
        new("证券", "Securities", "金融"),
        new("保险经纪", "Insurance Brokerage", "金融"),
        new("投资管理", "Investment Management", "金融"),
        new("能源", "Energy", "能源"),
        new("新能源", "New Energy", "能源"),
        new("建设工程", "Construction Engineering", "建筑地产"),
        new("置业", "Real Estate", "建筑地产"),
        new("食品", "Foods", "食品饮料"),
        new("纺织", "Textile", "纺织服装"),
        new("化工", "Chemical", "化工"),
        new("教育科技", "Education Technology", "教育"),
        new("文化传媒", "Culture Media", "文化传媒"),
        new("通信技术", "Communication Technology", "电信"),
        new("环保科技", "Environmental Technology", "环保"),
        new("新材料", "New Materials", "新材料"),
    ];

    /// <summary>How many distinct (trade name, industry word) pairs there are: names are unique up to this many accounts.</summary>
    public static long TradeNameCount => (long)TradeCharacters.Length * (TradeCharacters.Length - 1) * IndustryWords.Count;

    public static string Person(Random random)
    {
        var surname = Surnames[PickSurname(random)];
        var first = GivenNameCharacters[random.Next(GivenNameCharacters.Length)];
        if (random.Chance(0.3))
        {
            return string.Concat(surname, first);
        }

        var second = GivenNameCharacters[random.Next(GivenNameCharacters.Length)];
        return string.Concat(surname, first, second);
    }

    /// <summary>
    /// The trade name and industry word of name number <paramref name="index"/>: a fixed permutation of all
    /// pairs, so no two accounts share them (up to <see cref="TradeNameCount"/> accounts) and the seed reorders them.
    /// </summary>
    public static (string Trade, string TradePinyin, IndustryWord Word) TradeName(long index, int seed)
    {
        const long Stride = 1_000_003; // prime and larger than the count, so index -> slot is one-to-one
        var count = TradeNameCount;
        var slot = (((index % count) * Stride) + (seed & 0x7FFFFFFF)) % count;
        var word = IndustryWords[(int)(slot % IndustryWords.Count)];
        var pair = slot / IndustryWords.Count;
        var n = TradeCharacters.Length;
        var first = (int)(pair / (n - 1));
        var second = (int)(pair % (n - 1));
        second += second >= first ? 1 : 0;
        var a = TradeCharacters[first];
        var b = TradeCharacters[second];
        return (string.Concat(a.Hanzi, b.Hanzi), a.Pinyin + b.Pinyin.ToLowerInvariant(), word);
    }

    /// <summary>"Shanghai Huaxin Technology Co., Ltd.": the form Chinese companies register in English.</summary>
    public static string English(string place, string brandEnglish, bool group) =>
        new StringBuilder().Append(place).Append(' ').Append(brandEnglish).Append(group ? " Group Co., Ltd." : " Co., Ltd.").ToString();

    public static string MobilePhone(Random random)
    {
        ReadOnlySpan<int> prefixes = [130, 131, 132, 133, 135, 136, 137, 138, 139, 150, 151, 152, 155, 158, 159, 166, 176, 177, 180, 181, 186, 187, 188, 189, 199];
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{prefixes[random.Next(prefixes.Length)]}{random.Next(10_000_000, 100_000_000)}");
    }

    // Zipf-like: rank r has weight 1 / (r + 4); cumulative, for a binary search per draw.
    private static readonly double[] SurnameCumulative = Surnames.Select((_, r) => 1.0 / (r + 4))
        .Aggregate(new List<double>(), (sums, w) => { sums.Add((sums.Count > 0 ? sums[^1] : 0) + w); return sums; })
        .ToArray();

    private static int PickSurname(Random random)
    {
        var x = random.NextDouble() * SurnameCumulative[^1];
        var at = Array.BinarySearch(SurnameCumulative, x);
        return Math.Min(at >= 0 ? at : ~at, Surnames.Length - 1);
    }
}
