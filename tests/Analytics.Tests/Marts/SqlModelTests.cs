using Analytics.Tests.Support;
using Analytics.Warehouse;
using Analytics.Warehouse.Clv;
using Analytics.Warehouse.Features;
using Analytics.Warehouse.Marts;
using DuckDB.NET.Data;

namespace Analytics.Tests.Marts;

/// <summary>
/// Every SQL model, of every kind (the marts after a refresh, the feature tables for two cutoffs, the CLV inputs),
/// holds what its header declares: its key unique and not null, its not null columns filled, its accepted values
/// and its references to core rows. The models are listed from the embedded files: a new one is checked unasked.
/// </summary>
public sealed class SqlModelTests : IClassFixture<SqlModelTests.SmallBook>
{
    /// <summary>Every column of these names names a core row, in every model that has one.</summary>
    private static readonly Dictionary<string, string> Parents = new(StringComparer.Ordinal)
    {
        ["account_id"] = "core.accounts.account_id",
        ["master_account_id"] = "core.accounts.account_id",
        ["contract_id"] = "core.contracts.contract_id",
        ["order_id"] = "core.orders.order_id",
        ["product_id"] = "core.products.product_id",
        ["ticket_id"] = "core.tickets.ticket_id",
    };

    private readonly SmallBook _book;

    public SqlModelTests(SmallBook book) => _book = book;

    /// <summary>
    /// A few accounts, a contract, orders (one invoiced), lines and tickets: enough rows for every model to have
    /// some. A3 is A1 under another spelling (a duplicate), and A2's order of 2024 is followed by a year without one (a churn).
    /// </summary>
    public sealed class SmallBook : IDisposable
    {
        /// <summary>One before the tickets and the invoice, one on as_of, when every feature table has its rows.</summary>
        public static readonly DateOnly[] Cutoffs = [new(2024, 6, 30), new(2025, 2, 3)];

        public TestWarehouse Warehouse { get; } = new();

        /// <summary>The connection the feature and CLV tables are built in: they are temp tables and live as long as it.</summary>
        public DuckDBConnection Connection { get; }

        public SmallBook()
        {
            // A2 names A3, a duplicate record of A1, as its parent: A1's company heads a group of companies.
            Warehouse.LoadText("accounts.csv", "account_id,name,region,parent_account_id\nA1,甲方,华东,\nA2,乙方,华北,A3\nA3,甲 方,华东,\n");
            Warehouse.LoadText("products.csv", "product_id,name,unit_cost\nP1,服务器,100\nP2,打印机,10\n");
            Warehouse.LoadText("contracts.csv", "contract_id,account_id,start_date,end_date,auto_renew\nC1,A1,2024-01-01,2024-12-31,true\n");
            Warehouse.LoadText("orders.csv", "order_id,account_id,order_date,amount,contract_id,invoice_date\nO1,A1,2025-01-02,,C1,2025-01-03\nO2,A2,2025-02-03,50.00,,\nO3,A2,2024-01-05,20.00,,\n");
            Warehouse.LoadText("order_lines.csv", "order_id,product_id,quantity,unit_price,unit_cost\nO1,P1,2,120,100\nO1,P2,1,12,10\n");
            Warehouse.LoadText("tickets.csv", """
                ticket_id,account_id,contract_id,kind,opened_at,first_response_at,onsite_at,engineer,site
                T1,A1,C1,phone,2025-01-06 10:00,2025-01-06 10:30,,E1,S1
                T2,A2,,maintenance,2025-01-20 14:00,,2025-01-20 14:00,E1,S2
                """);
            Warehouse.RefreshMarts();
            Connection = Warehouse.Connect();
            new FeatureTables(Connection).Build(Cutoffs);
            foreach (var model in SqlModel.Embedded("Clv"))
            {
                var (sql, parameters) = ClvRun(model);
                Connection.Execute($"create temp table {model.Name} as\n{sql}", parameters);
            }
        }

        /// <summary>
        /// A CLV model's text and parameters as its reader runs it: the purchase summary as of as_of in weeks, over
        /// companies (duplicates merged). A model without an entry here runs as it is, and fails if it asks for more.
        /// </summary>
        private static (string Sql, object?[] Parameters) ClvRun(SqlModel model) => model.Name switch
        {
            "transaction_summary" => (PurchaseSummaries.Query(mergeDuplicates: true), [Cutoffs[^1].ToDateTime(TimeOnly.MinValue), 7.0]),
            _ => (model.Sql, []),
        };

        public void Dispose()
        {
            Connection.Dispose();
            Warehouse.Dispose();
        }
    }

    /// <summary>Every model as "kind/name": Marts, Features and Clv, as their folders name them.</summary>
    public static TheoryData<string> Models() =>
    [
        .. MartBuilder.Models().Select(m => "Marts/" + m.Name),
        .. FeatureTables.Models().Select(m => "Features/" + m.Name),
        .. SqlModel.Embedded("Clv").Select(m => "Clv/" + m.Name),
    ];

    [Theory]
    [MemberData(nameof(Models))]
    public void The_model_has_rows_and_holds_every_declaration_of_its_header(string model)
    {
        var (table, header) = Built(model);

        Assert.True(_book.Connection.Scalar<long>($"select count(*) from {table}") > 0, $"{table} is empty on the small book");
        var problems = SqlModelCheck.Problems(_book.Connection, table, header);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_id_column_of_the_model_declares_the_core_row_it_names(string model)
    {
        var (table, header) = Built(model);
        foreach (var column in Columns(table).Where(Parents.ContainsKey))
        {
            var reference = header.References.FirstOrDefault(r => r.Column == column);
            Assert.True(reference is not null, $"{table}.{column} has no '-- references: {column} -> {Parents[column]}' line");
            Assert.Equal(Parents[column], $"{reference.Schema}.{reference.Table}.{reference.ParentColumn}");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_tier_level_and_lifecycle_stage_column_accepts_the_one_declared_set(string model)
    {
        var (table, header) = Built(model);
        var sets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["tier"] = DeclaredValues.Tiers,
            ["level"] = [.. DeclaredValues.Levels.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            ["lifecycle_stage"] = DeclaredValues.LifecycleStages,
        };
        foreach (var column in Columns(table).Where(sets.ContainsKey))
        {
            Assert.Equal(sets[column], header.AcceptedIn(column) ?? []);
        }
    }

    [Fact]
    public void Orders_take_their_lines_sum_or_else_the_files_amount()
    {
        Assert.Equal(
            [("O1", 252m, 210m, 2L), ("O2", 50m, (decimal?)null, 0L), ("O3", 20m, (decimal?)null, 0L)],
            _book.Warehouse.Rows("select order_id, net_amount, cost_amount, line_count from marts.orders order by 1",
                r => (r.GetString(0), r.GetDecimal(1), r.IsDBNull(2) ? (decimal?)null : r.GetDecimal(2), r.GetInt64(3))));
    }

    [Fact]
    public void The_as_of_date_is_the_latest_activity_unless_a_setting_says_otherwise()
    {
        Assert.Equal(new DateOnly(2025, 2, 3), _book.Warehouse.Scalar<DateOnly>("select as_of_date from marts.as_of"));
    }

    [Fact]
    public void A_table_breaking_its_declarations_is_reported_once_for_each()
    {
        _book.Connection.Execute("""
            create or replace temp table broken as
            from (values ('A1', 'A'), ('A1', 'B'), (null, 'C'), ('NOPE', 'D'), ('A2', null)) t(account_id, tier)
            """);
        var header = SqlModelHeader.Parse("broken", """
            -- key: account_id
            -- not null: tier
            -- accepted: tier in (A, B, C)
            -- references: account_id -> core.accounts.account_id
            from broken
            """);

        Assert.Equal(
            [
                "broken: 2 rows share their key (account_id) with another row",
                "broken: account_id is null in 1 row",
                "broken: tier is null in 1 row",
                "broken: tier is not one of A, B, C in 1 row, e.g. 'D'",
                "broken: account_id names no core.accounts.account_id in 1 row, e.g. 'NOPE'",
            ],
            SqlModelCheck.Problems(_book.Connection, "broken", header));
    }

    [Fact]
    public void The_header_parser_reads_every_kind_of_declaration()
    {
        var header = SqlModelHeader.Parse("m", """
            -- Grain: one row per account.
            -- key: account_id, month
            -- not null: tier
            -- not null: rfm_segment
            -- accepted: rfm_segment in (loyal, can't lose them)
            -- references: account_id -> core.accounts.account_id
            -- cancel_by: prose that looks like a declaration is prose.
            select 1
            """);

        Assert.Equal(["account_id", "month"], header.Key);
        Assert.Equal(["tier", "rfm_segment"], header.NotNull);
        Assert.Equal(["loyal", "can't lose them"], header.AcceptedIn("rfm_segment"));
        Assert.Equal(new ModelReference("account_id", "core", "accounts", "account_id"), Assert.Single(header.References));
    }

    [Theory]
    [InlineData("-- Grain: no key.\nselect 1")]
    [InlineData("-- key: a,, b\nselect 1")]
    [InlineData("-- key: a\n-- key: b\nselect 1")]
    [InlineData("-- key: a\n-- accepted: tier (A, B)\nselect 1")]
    [InlineData("-- key: a\n-- accepted: tier in ()\nselect 1")]
    [InlineData("-- key: a\n-- accepted: tier in (A, , B)\nselect 1")]
    [InlineData("-- key: a\n-- accepted: tier in (A, A)\nselect 1")]
    [InlineData("-- key: a\n-- accepted: tier in (A)\n-- accepted: tier in (B)\nselect 1")]
    [InlineData("-- key: a\n-- references: account_id core.accounts.account_id\nselect 1")]
    [InlineData("-- key: a\n-- references: account_id -> core.accounts\nselect 1")]
    [InlineData("-- key: a\nselect 1\n-- accepted: tier in (A)\n")]
    public void The_header_parser_refuses_a_malformed_declaration(string sql)
    {
        Assert.Throws<InvalidOperationException>(() => SqlModelHeader.Parse("m", sql));
    }

    [Theory]
    [InlineData("-- key: a\nselect 1 as a where {{refresh:account_id}}")]
    [InlineData("-- key: a\n-- refresh by: account_id\nselect 1 as a from t o where {{refresh:o.order_id}}")]
    public void A_refresh_mark_on_a_column_the_model_is_not_refreshed_by_is_refused(string sql)
    {
        // It would leave out rows the refreshed ids' rows are computed from.
        var e = Assert.Throws<InvalidOperationException>(() => SqlModel.Parse("m", sql));
        Assert.Contains("{{refresh:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refresh_mark_is_true_in_the_whole_build_and_kept_for_a_refresh_of_some_ids()
    {
        var model = SqlModel.Parse("m", "-- key: a\n-- refresh by: account_id\nselect account_id as a from t o where {{refresh:o.account_id}}");
        Assert.EndsWith("where true", model.Sql, StringComparison.Ordinal);
        Assert.EndsWith("where {{refresh:o.account_id}}", model.RefreshMarked, StringComparison.Ordinal);
        Assert.Equal("account_id", model.Header.RefreshBy);
    }

    [Fact]
    public void Every_marts_whole_build_text_keeps_only_its_visible_marks_and_is_the_models_sql_once_they_are_settled()
    {
        // A region-limited report reads a mart's text as a whole build reads it (ReportQueries, {{mart:name}}): a
        // {{refresh:}} or {{onwards:}} mark left in it would be a syntax error there.
        foreach (var resource in typeof(SqlModel).Assembly.GetManifestResourceNames().Where(r => r.StartsWith("Marts/", StringComparison.Ordinal) && r.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var whole = SqlModel.WholeBuild(SqlModel.Text(resource));
            Assert.Empty(System.Text.RegularExpressions.Regex.Matches(whole, @"\{\{(?!visible:)").Select(m => m.Value));
            Assert.Equal(SqlModel.Read(resource).Sql, System.Text.RegularExpressions.Regex.Replace(whole, @"\{\{visible:[A-Za-z0-9_.]+\}\}", "true"));
        }
    }

    /// <summary>The model's built table, as SQL names it, and its header.</summary>
    private static (string Table, SqlModelHeader Header) Built(string model)
    {
        var kind = model[..model.IndexOf('/', StringComparison.Ordinal)];
        var name = model[(kind.Length + 1)..];
        var models = kind switch
        {
            "Marts" => MartBuilder.Models(),
            "Features" => FeatureTables.Models(),
            _ => SqlModel.Embedded(kind),
        };
        return (kind == "Marts" ? "marts." + name : name, models.Single(m => m.Name == name).Header);
    }

    private List<string> Columns(string table) =>
        _book.Connection.Rows($"select column_name from (describe {table})", r => r.GetString(0));
}
