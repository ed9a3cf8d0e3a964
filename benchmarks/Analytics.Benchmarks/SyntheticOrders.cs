using System.Globalization;

namespace Analytics.Benchmarks;

/// <summary>Plain canonical files of a given size: accounts, products, orders and their lines, four lines an order.</summary>
internal static class SyntheticOrders
{
    public static void Write(string dir, long lines)
    {
        Directory.CreateDirectory(dir);
        var c = CultureInfo.InvariantCulture;
        const int accounts = 20_000;
        const int products = 1_000;
        var orders = (lines + 3) / 4;
        using (var w = Writer(Path.Combine(dir, "accounts.csv")))
        {
            w.WriteLine("account_id,name,region,owner,created_on");
            for (var i = 0; i < accounts; i++)
            {
                w.WriteLine(string.Create(c, $"A{i},客户{i}有限公司,华东,经理{i % 50},2020-01-01"));
            }
        }

        using (var w = Writer(Path.Combine(dir, "products.csv")))
        {
            w.WriteLine("product_id,name,category,list_price,unit_cost");
            for (var i = 0; i < products; i++)
            {
                w.WriteLine(string.Create(c, $"P{i},产品{i},desktop,{1000 + i}.00,{900 + i}.00"));
            }
        }

        using (var w = Writer(Path.Combine(dir, "orders.csv")))
        {
            w.WriteLine("order_id,account_id,order_date,channel,amount");
            for (long i = 0; i < orders; i++)
            {
                w.WriteLine(string.Create(c, $"O{i},A{i % accounts},{2022 + i % 3}-{i % 12 + 1:00}-{i % 28 + 1:00},order_form,{i % 90000 + 100}.{i % 100:00}"));
            }
        }

        using (var w = Writer(Path.Combine(dir, "order_lines.csv")))
        {
            w.WriteLine("order_id,line_no,product_id,quantity,unit_price,unit_cost,discount");
            for (long i = 0; i < lines; i++)
            {
                var p = i * 7919 % products;
                w.WriteLine(string.Create(c, $"O{i / 4},{i % 4 + 1},P{p},{i % 12 + 1},{1000 + p}.00,{900 + p}.00,0.{i % 10:0}"));
            }
        }
    }

    private static StreamWriter Writer(string path) => new(path, false, new System.Text.UTF8Encoding(false), 1 << 20);
}
