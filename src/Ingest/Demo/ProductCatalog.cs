namespace Analytics.Ingest.Demo;

/// <summary>
/// What the supplier sells (the supply agreement's commercial desktops, laptops, switches, servers,
/// printers, consumables, plus service). The same for every seed: a price list does not change with the customers.
/// </summary>
internal static class ProductCatalog
{
    public const string Desktop = "desktop";
    public const string Laptop = "laptop";
    public const string Switch = "switch";
    public const string Server = "server";
    public const string Printer = "printer";
    public const string Consumable = "consumable";
    public const string Service = "service";

    public static IReadOnlyList<string> Categories { get; } = [Desktop, Laptop, Switch, Server, Printer, Consumable, Service];

    // List prices sit 18-45% above cost, so the supplier can discount down to the 7% margin cap and below.
    public static IReadOnlyList<Product> All { get; } =
    [
        Item("DT-101", "商用台式机 D3 (i3/8GB/256GB)", Desktop, 3899, 1.22, 3, 2),
        Item("DT-102", "商用台式机 D5 (i5/16GB/512GB)", Desktop, 5299, 1.22, 5, 2),
        Item("DT-103", "商用台式机 D7 (i7/32GB/1TB)", Desktop, 7899, 1.24, 2, 2),
        Item("DT-104", "小型台式机 M5 (i5/16GB/512GB)", Desktop, 4999, 1.22, 2, 2),
        Item("DT-105", "一体机 A5 23.8英寸 (i5/16GB/512GB)", Desktop, 6299, 1.25, 1.5, 2),
        Item("DT-106", "图形工作站 W7 (i7/64GB/2TB/专业显卡)", Desktop, 18999, 1.26, 0.6, 1),
        Item("DT-107", "23.8英寸商用显示器", Desktop, 1199, 1.30, 3, 3),
        Item("DT-108", "27英寸4K显示器", Desktop, 2499, 1.30, 1.2, 2),
        Item("NB-201", "商用笔记本 L14 (i5/16GB/512GB)", Laptop, 5999, 1.22, 5, 2),
        Item("NB-202", "商用笔记本 L15 (i7/16GB/1TB)", Laptop, 7499, 1.22, 3, 2),
        Item("NB-203", "轻薄笔记本 X13 (i7/32GB/1TB)", Laptop, 10999, 1.25, 1.5, 1.5),
        Item("NB-204", "移动工作站 P16 (i9/64GB/2TB)", Laptop, 24999, 1.26, 0.4, 1),
        Item("NB-205", "笔记本扩展坞 USB-C", Laptop, 899, 1.35, 2, 3),
        Item("NB-206", "商务双肩包", Laptop, 199, 1.45, 1, 5),
        Item("SW-301", "24口千兆接入交换机", Switch, 1899, 1.25, 4, 2),
        Item("SW-302", "48口千兆PoE接入交换机", Switch, 5499, 1.25, 3, 1.5),
        Item("SW-303", "24口万兆汇聚交换机", Switch, 18999, 1.26, 1.2, 1),
        Item("SW-304", "核心交换机机框 (8槽)", Switch, 128000, 1.28, 0.2, 1),
        Item("SW-305", "万兆光模块 SFP+", Switch, 399, 1.40, 3, 6),
        Item("SW-306", "室内无线AP (Wi-Fi 6)", Switch, 1299, 1.30, 3, 5),
        Item("SW-307", "无线控制器", Switch, 12999, 1.28, 0.5, 1),
        Item("SW-308", "下一代防火墙", Switch, 36000, 1.28, 0.6, 1),
        Item("SV-401", "机架服务器 1U 单路 (16核/64GB/2x960GB)", Server, 32000, 1.24, 3, 1),
        Item("SV-402", "机架服务器 2U 双路 (2x16核/128GB/4x1.92TB)", Server, 68000, 1.24, 2, 1),
        Item("SV-403", "塔式服务器 T1 (8核/32GB/2x2TB)", Server, 15800, 1.24, 2, 1),
        Item("SV-404", "GPU服务器 4卡", Server, 480000, 1.25, 0.15, 1),
        Item("SV-405", "存储阵列 (24盘位/100TB)", Server, 158000, 1.26, 0.4, 1),
        Item("SV-406", "服务器内存 64GB DDR5", Server, 2699, 1.35, 2, 4),
        Item("SV-407", "企业级SSD 3.84TB", Server, 4599, 1.32, 2, 3),
        Item("PR-501", "黑白激光打印机 A4", Printer, 1699, 1.25, 4, 1.5),
        Item("PR-502", "彩色激光打印机 A4", Printer, 3999, 1.25, 2, 1),
        Item("PR-503", "黑白激光多功能一体机 A3", Printer, 12800, 1.27, 1.2, 1),
        Item("PR-504", "彩色数码复合机 A3", Printer, 29800, 1.28, 0.6, 1),
        Item("PR-505", "标签打印机", Printer, 1299, 1.30, 1, 1.5),
        Item("PR-506", "高速文档扫描仪", Printer, 4999, 1.28, 0.8, 1),
        Item("CS-601", "黑色硒鼓 (A4激光)", Consumable, 499, 1.40, 5, 4),
        Item("CS-602", "彩色硒鼓套装 (四色)", Consumable, 2199, 1.38, 2, 2),
        Item("CS-603", "A3复合机粉盒 黑色", Consumable, 399, 1.40, 3, 4),
        Item("CS-604", "A3复合机粉盒 彩色套装", Consumable, 1499, 1.38, 1.5, 2),
        Item("CS-605", "感光鼓组件", Consumable, 899, 1.38, 1.5, 2),
        Item("CS-606", "A4复印纸 70g (5包/箱)", Consumable, 129, 1.45, 4, 10),
        Item("CS-607", "标签纸卷 (10卷装)", Consumable, 199, 1.45, 1, 5),
        Item("CS-608", "定影组件", Consumable, 1299, 1.38, 0.6, 1),
        Item("SC-701", "上门维修服务 (次)", Service, 480, 1.40, 3, 2),
        Item("SC-702", "延长保修1年 (台式机/笔记本)", Service, 399, 1.45, 3, 4),
        Item("SC-703", "服务器原厂维保1年", Service, 6800, 1.30, 1.5, 1),
        Item("SC-704", "安装调试服务 (台)", Service, 300, 1.45, 2, 4),
        Item("SC-705", "数据迁移服务 (台)", Service, 200, 1.45, 1, 4),
        Item("SC-706", "综合布线 (点位)", Service, 260, 1.40, 1, 10),
        Item("SC-707", "驻场工程师 (人天)", Service, 1500, 1.35, 0.8, 3),
    ];

    /// <summary>Each category's products and their popularity weights, indexed like <see cref="Categories"/>.</summary>
    public static IReadOnlyList<(Product[] Products, double[] Weights)> InCategory { get; } = Categories
        .Select(c => All.Where(p => p.Category == c).ToArray())
        .Select(ps => (ps, ps.Select(p => p.Popularity).ToArray()))
        .ToArray();

    private static Product Item(string id, string name, string category, decimal listPrice, double markup, double popularity, double typicalQuantity) =>
        new(id, name, category, listPrice, Math.Round(listPrice / (decimal)markup, 0, MidpointRounding.AwayFromZero), popularity, typicalQuantity);
}
