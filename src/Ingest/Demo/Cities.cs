namespace Analytics.Ingest.Demo;

/// <summary>The cities the demo's accounts sit in, weighted towards where key accounts concentrate.</summary>
internal static class Cities
{
    public static IReadOnlyList<City> All { get; } =
    [
        new("上海", "Shanghai", "华东", "310115", 10),
        new("南京", "Nanjing", "华东", "320106", 4),
        new("苏州", "Suzhou", "华东", "320505", 5),
        new("无锡", "Wuxi", "华东", "320214", 3),
        new("杭州", "Hangzhou", "华东", "330106", 6),
        new("宁波", "Ningbo", "华东", "330212", 3),
        new("合肥", "Hefei", "华东", "340104", 3),
        new("济南", "Jinan", "华东", "370102", 3),
        new("青岛", "Qingdao", "华东", "370212", 3),
        new("福州", "Fuzhou", "华东", "350102", 2),
        new("厦门", "Xiamen", "华东", "350203", 2),
        new("南昌", "Nanchang", "华东", "360111", 2),
        new("北京", "Beijing", "华北", "110108", 10),
        new("天津", "Tianjin", "华北", "120116", 4),
        new("石家庄", "Shijiazhuang", "华北", "130102", 2),
        new("太原", "Taiyuan", "华北", "140105", 2),
        new("呼和浩特", "Hohhot", "华北", "150105", 1),
        new("广州", "Guangzhou", "华南", "440106", 7),
        new("深圳", "Shenzhen", "华南", "440305", 8),
        new("东莞", "Dongguan", "华南", "441900", 3),
        new("佛山", "Foshan", "华南", "440604", 3),
        new("南宁", "Nanning", "华南", "450103", 2),
        new("海口", "Haikou", "华南", "460108", 1),
        new("武汉", "Wuhan", "华中", "420106", 5),
        new("长沙", "Changsha", "华中", "430104", 4),
        new("郑州", "Zhengzhou", "华中", "410105", 4),
        new("成都", "Chengdu", "西南", "510107", 6),
        new("重庆", "Chongqing", "西南", "500112", 5),
        new("昆明", "Kunming", "西南", "530102", 2),
        new("贵阳", "Guiyang", "西南", "520102", 2),
        new("西安", "Xi'an", "西北", "610113", 4),
        new("兰州", "Lanzhou", "西北", "620102", 1),
        new("乌鲁木齐", "Urumqi", "西北", "650104", 1),
        new("银川", "Yinchuan", "西北", "640104", 1),
        new("沈阳", "Shenyang", "东北", "210102", 3),
        new("大连", "Dalian", "东北", "210204", 3),
        new("长春", "Changchun", "东北", "220104", 2),
        new("哈尔滨", "Harbin", "东北", "230103", 2),
    ];

    public static IReadOnlyList<string> Regions { get; } = All.Select(c => c.Region).Distinct().ToList();

    public static double[] Weights { get; } = All.Select(c => c.Weight).ToArray();
}
