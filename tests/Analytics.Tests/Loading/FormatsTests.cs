using System.Text;
using Analytics.Ingest;
using Analytics.Ingest.Loading;
using Analytics.Tests.Support;
using Analytics.Warehouse;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Analytics.Tests.Loading;

/// <summary>The same rows arrive as CSV (UTF-8 with or without BOM, GB18030), JSON lines, Parquet and Arrow IPC.</summary>
public sealed class FormatsTests : IDisposable
{
    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    private List<(string Id, string Name, string? Region)> Accounts() =>
        _warehouse.Rows("select account_id, name, region from core.accounts order by account_id",
            r => (r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));

    private static readonly List<(string, string, string?)> Expected =
    [
        ("K1", "上海浦东发展科技有限公司", "华东"),
        ("K2", "深圳（南山）电子股份有限公司", null),
    ];

    [Fact]
    public void A_GB18030_file_declared_in_its_mapping_keeps_its_Chinese_names()
    {
        var path = _warehouse.Folder.File("客户导出.csv");
        File.WriteAllText(path, "编号,名称,区域\nK1,上海浦东发展科技有限公司,华东\nK2,深圳（南山）电子股份有限公司,\n",
            CodePagesEncoding("GB18030"));
        var mapping = _warehouse.Write("gb.mapping.json",
            """{"entity":"accounts","encoding":"gb18030","columns":{"account_id":"编号","name":"名称","region":"区域"}}""");

        var report = _warehouse.Load(path, new LoadOptions(MappingPath: mapping));

        Assert.Equal(new BatchCounts(2, 2, 0, 0), report.Counts);
        Assert.False(report.Staged);
        Assert.Equal(Expected, Accounts());
    }

    [Fact]
    public void A_GB18030_file_that_does_not_declare_its_encoding_fails_instead_of_loading_garbled_names()
    {
        var path = _warehouse.Folder.File("accounts.csv");
        File.WriteAllText(path, "account_id,name\nK1,上海浦东发展科技有限公司\n", CodePagesEncoding("GB18030"));

        var report = _warehouse.Load(path);

        Assert.Equal(LoadStatus.Failed, report.Status);
        Assert.Equal("The file is not UTF-8 (line 2); declare its encoding in a mapping, e.g. \"encoding\": \"gb18030\".", report.Error);
        Assert.Equal(0, _warehouse.Scalar<long>("select count(*) from core.accounts"));
    }

    [Fact]
    public void A_UTF8_file_with_a_byte_order_mark_loads_its_first_column()
    {
        var path = _warehouse.Folder.File("accounts.csv");
        File.WriteAllText(path, "account_id,name,region\nK1,上海浦东发展科技有限公司,华东\nK2,深圳（南山）电子股份有限公司,\n", new UTF8Encoding(true));

        var report = _warehouse.Load(path);

        Assert.Equal(new BatchCounts(2, 2, 0, 0), report.Counts);
        Assert.False(report.Staged);
        Assert.Equal(Expected, Accounts());
    }

    [Fact]
    public void JSON_lines_load_like_CSV()
    {
        var report = _warehouse.LoadText("accounts.jsonl", """
            {"account_id":"K1","name":"上海浦东发展科技有限公司","region":"华东"}
            {"account_id":"K2","name":"深圳（南山）电子股份有限公司","region":null}
            {"account_id":"K3","name":"","region":"华北"}
            """);

        Assert.Equal(new BatchCounts(3, 2, 1, 0), report.Counts);
        Assert.True(report.Staged);
        Assert.Equal(Expected, Accounts());
        Assert.Equal((3L, "missing name"), _warehouse.Rows("select source_line, reason from meta.rejects", r => (r.GetInt64(0), r.GetString(1)))[0]);
    }

    [Fact]
    public void Parquet_loads_like_CSV()
    {
        var parquet = _warehouse.Folder.File("accounts.parquet");
        using (var connection = _warehouse.Connect())
        {
            connection.Execute($"""
                copy (select * from (values ('K1', '上海浦东发展科技有限公司', '华东'), ('K2', '深圳（南山）电子股份有限公司', null)) t(account_id, name, region))
                to {SqlExtensions.Literal(parquet)} (format parquet)
                """);
        }

        var report = _warehouse.Load(parquet);

        Assert.Equal(new BatchCounts(2, 2, 0, 0), report.Counts);
        Assert.False(report.Staged);
        Assert.Equal(Expected, Accounts());
    }

    [Fact]
    public void Arrow_IPC_files_load_with_their_types_read_as_text()
    {
        var path = _warehouse.Folder.File("tickets.arrow");
        _warehouse.LoadText("accounts.csv", "account_id,name\nK1,上海浦东发展科技有限公司\n");
        var batch = new RecordBatch.Builder()
            .Append("ticket_id", false, c => c.String(a => a.Append("T1").Append("T2")))
            .Append("account_id", false, c => c.String(a => a.Append("K1").Append("K1")))
            .Append("kind", false, c => c.String(a => a.Append("phone").Append("onsite")))
            .Append("opened_at", false, c => c.Timestamp(a => a
                .Append(new DateTimeOffset(2025, 3, 4, 8, 30, 0, TimeSpan.Zero))
                .Append(new DateTimeOffset(2025, 3, 5, 1, 0, 0, TimeSpan.Zero))))
            .Append("satisfaction", false, c => c.Int32(a => a.Append(5).AppendNull()))
            .Build();
        using (var stream = File.Create(path))
        using (var writer = new ArrowFileWriter(stream, batch.Schema))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        var report = _warehouse.Load(path);

        Assert.Equal(new BatchCounts(2, 2, 0, 0), report.Counts);
        Assert.Equal(
            [("T1", "2025-03-04 08:30:00+00", (int?)5), ("T2", "2025-03-05 01:00:00+00", null)],
            _warehouse.Rows("select ticket_id, opened_at::varchar, satisfaction from core.tickets order by 1",
                r => (r.GetString(0), r.GetString(1), r.IsDBNull(2) ? (int?)null : r.GetInt32(2))));
    }

    private static Encoding CodePagesEncoding(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(name);
    }
}
