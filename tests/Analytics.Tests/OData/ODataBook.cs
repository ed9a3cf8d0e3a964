using Analytics.Tests.Support;

namespace Analytics.Tests.OData;

/// <summary>
/// A small company with what breaks translators: nulls in every kind of column, Chinese names, ' and % and _ in
/// values, decimals with fractions of a cent, dates on leap days; two regions of accounts for the access tests.
/// Net per order, by hand: O1 2 x 5999.00 x 0.9 + 3 x 99.90 = 11097.9; O2 5999; O3 10 x 99.90 x 0.95 = 949.05;
/// O4 5500.50 x 0.75 = 4125.375; O5 1234.56 (the file's amount, no lines); O6 7 x 0.10 = 0.7.
/// </summary>
public sealed class ODataBook : IDisposable
{
    public TestWarehouse Warehouse { get; } = new();

    public ODataHost Host { get; }

    public ODataBook()
    {
        Warehouse.LoadText("accounts.csv", """
            account_id,name,tax_id,industry,region,city,owner,created_on,contact_name,contact_phone
            A1,华东机械有限公司,91310000MA1FL0001,制造,华东,上海,王经理,2020-01-15,张三,13800000001
            A2,O'Brien & Co,,services,North,Beijing,,2021-06-30,Pat O'Brien,
            A3,100% Pure Water,,food,华东,,王经理,,李四,13800000003
            A4,Under_score Ltd,,,,,,2019-12-31,,
            A5,南方电子,,电子,South,广州,,2024-02-29,王五,13800000005
            """);
        Warehouse.LoadText("products.csv", """
            product_id,name,category,list_price,unit_cost
            P1,笔记本电脑,laptop,5999.00,4000.00
            P2,Toner 50% off,consumables,99.90,
            P3,O'Neil cable,,0.10,0.05
            """);
        Warehouse.LoadText("contracts.csv", """
            contract_id,account_id,start_date,end_date,annual_fee,response_hours,onsite_hours
            C1,A1,2024-01-01,2024-12-31,120000.00,2,4
            C2,A2,2024-01-01,2025-12-31,,2,4
            """);
        Warehouse.LoadText("orders.csv", """
            order_id,account_id,order_date,channel,contract_id,amount
            O1,A1,2024-01-15,phone,C1,
            O2,A1,2024-02-29,order_form,C1,
            O3,A2,2024-03-01,phone,,
            O4,A3,2025-01-01,,,
            O5,A4,2023-12-31,schedule,,1234.56
            O6,A5,2024-06-30,phone,,
            """);
        Warehouse.LoadText("order_lines.csv", """
            order_id,line_no,product_id,quantity,unit_price,unit_cost,discount
            O1,1,P1,2,5999.00,4000,0.1
            O1,2,P2,3,99.90,,0
            O2,1,P1,1,5999.00,4000,0
            O3,1,P2,10,99.90,,0.05
            O4,1,P1,1,5500.50,,0.25
            O6,1,P3,7,0.10,0.05,0
            """);
        Warehouse.LoadText("tickets.csv", """
            ticket_id,account_id,contract_id,kind,priority,contact,opened_at,first_response_at,onsite_at,satisfaction
            T1,A1,C1,phone,high,张三,2024-03-04 10:00,2024-03-04 10:30,,5
            T2,A2,C2,onsite,,O'Hara,2024-03-05 09:00,2024-03-05 12:00,2024-03-05 16:00,
            T3,A3,,complaint,low,,2024-03-06 09:00,,,1
            """);
        Warehouse.RefreshMarts();
        Host = new ODataHost(Warehouse.Database);
    }

    public void Dispose()
    {
        Host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Warehouse.Dispose();
    }
}
