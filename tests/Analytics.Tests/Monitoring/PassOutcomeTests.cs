using Analytics.Models.Features;
using Analytics.Models.Monitoring;
using Analytics.Tests.Support;
using Analytics.Warehouse;

namespace Analytics.Tests.Monitoring;

/// <summary>
/// One scoring pass on a book written by hand, its outcome recomputed by hand. As of 2025-12-31, horizon 180 days,
/// churn after 180 days without an order. The pass scored six companies on 2025-06-30, each of which last ordered
/// (1,000.00) on 2025-06-01; B, D and E ordered again on 2025-09-01 (4,000, 2,000 and 1,000) and stayed, A, C and F did
/// not and churned on 2025-11-28, within the horizon (2025-12-27).
///   churn probability: A 0.9 (churned), B 0.8, C 0.6 (churned), D 0.4, E 0.3, F 0.1 (churned); A B C in 华东, D E F in 华北
///   ROC AUC: of the 9 churner-stayer pairs the churner ranks higher in 5 (A over B D E, C over D E): 5/9
///   PR AUC (average precision): hits at ranks 1, 3, 6: (1/1 + 2/3 + 3/6) / 3 = 13/18
///   Brier: (0.1² + 0.8² + 0.4² + 0.4² + 0.3² + 0.9²) / 6 = 1.87 / 6
///   华东: AUC 1/2 (A over B, C under B), AP (1 + 2/3) / 2 = 5/6, Brier (0.01 + 0.64 + 0.16) / 3 = 0.27;
///   华北: AUC 0 (F, the churner, lowest), AP 1/3, Brier (0.16 + 0.09 + 0.81) / 3.
///   value forecast: A 100, B 5,000, C 200, D 1,000, E 3,000, F 0 against 0, 4,000, 0, 2,000, 1,000, 0:
///   MAE 4,300 / 6; RMSE sqrt(6,050,000 / 6); top-20% (2 companies): B and E's 5,000 of B and D's 6,000.
/// </summary>
public sealed class PassOutcomeTests : IDisposable
{
    private readonly TestWarehouse warehouse = new();

    public PassOutcomeTests()
    {
        warehouse.LoadText("accounts.csv", "account_id,name,tax_id,industry,region,city,created_on\n"
            + "A,甲公司,91310000MA1FL0101,制造,华东,上海,2020-01-01\nB,乙公司,91310000MA1FL0102,制造,华东,上海,2020-01-01\n"
            + "C,丙公司,91310000MA1FL0103,制造,华东,上海,2020-01-01\nD,丁公司,91110000MA1FL0104,制造,华北,北京,2020-01-01\n"
            + "E,戊公司,91110000MA1FL0105,制造,华北,北京,2020-01-01\nF,己公司,91110000MA1FL0106,制造,华北,北京,2020-01-01\n");
        warehouse.LoadText("orders.csv", "order_id,account_id,order_date,channel,amount\n"
            + "A1,A,2025-06-01,phone,1000.00\nB1,B,2025-06-01,phone,1000.00\nC1,C,2025-06-01,phone,1000.00\n"
            + "D1,D,2025-06-01,phone,1000.00\nE1,E,2025-06-01,phone,1000.00\nF1,F,2025-06-01,phone,1000.00\n"
            + "B2,B,2025-09-01,phone,4000.00\nD2,D,2025-09-01,phone,2000.00\nE2,E,2025-09-01,phone,1000.00\n");
        warehouse.RefreshMarts(("as_of_date", "2025-12-31"));
        using var connection = warehouse.Connect();
        connection.Execute("""
            insert into models.model_runs (run_id, model, version, algorithm, trained_at, data_version, train_from, train_to,
                holdout_cutoff, features, metrics, is_serving)
            values (1, 'churn', 'churn-hand', 'FastTree', now(), 1, date '2024-06-30', date '2024-12-31', date '2025-06-30', [], '{"roc_auc":0.8}', true),
                   (2, 'value', 'value-hand', 'FastTree', now(), 1, date '2024-06-30', date '2024-12-31', date '2025-06-30', [], '{}', true);
            insert into models.score_runs (score_run_id, scored_at, as_of, data_version, churn_version, value_version, accounts)
            values (1, now(), date '2025-06-30', 1, 'churn-hand', 'value-hand', 6);
            insert into models.account_scores (score_run_id, account_id, as_of, churn_probability, predicted_value) values
                (1, 'A', date '2025-06-30', 0.9, 100), (1, 'B', date '2025-06-30', 0.8, 5000), (1, 'C', date '2025-06-30', 0.6, 200),
                (1, 'D', date '2025-06-30', 0.4, 1000), (1, 'E', date '2025-06-30', 0.3, 3000), (1, 'F', date '2025-06-30', 0.1, 0);
            """);
    }

    private List<PassOutcome> Evaluate()
    {
        using var connection = warehouse.Connect();
        return [.. PassOutcomes.EvaluateDue(connection, ModelSettings.Read(connection))];
    }

    [Fact]
    public void The_pass_s_realised_churn_figures_are_the_ones_worked_by_hand()
    {
        var outcomes = Evaluate();
        var all = Assert.Single(outcomes, o => o.Model == "churn" && o.IsOverall);
        Assert.Equal(6, all.Accounts);
        Assert.Equal(3, all.Churned);
        Assert.Equal(5.0 / 9, all.RocAuc!.Value, 12);
        Assert.Equal(13.0 / 18, all.PrAuc!.Value, 12);
        Assert.Equal(1.87 / 6, all.Brier!.Value, 12);
        Assert.Equal(0.8, all.TrainedRocAuc);
        Assert.True(all.OutOfTime); // scored on the model's holdout cutoff
        Assert.Equal(new DateOnly(2025, 12, 27), all.OutcomeThrough);

        var east = Assert.Single(outcomes, o => o.Model == "churn" && o.Region == "华东" && o.Tier == PassOutcomes.All);
        Assert.Equal(0.5, east.RocAuc!.Value, 12);
        Assert.Equal(5.0 / 6, east.PrAuc!.Value, 12);
        Assert.Equal(0.27, east.Brier!.Value, 12);
        Assert.Null(east.TrainedRocAuc); // the trained AUC is the whole book's, not the East's

        var north = Assert.Single(outcomes, o => o.Model == "churn" && o.Region == "华北" && o.Tier == PassOutcomes.All);
        Assert.Equal(0, north.RocAuc!.Value, 12);
        Assert.Equal(1.0 / 3, north.PrAuc!.Value, 12);
        Assert.Equal(1.06 / 3, north.Brier!.Value, 12);
    }

    [Fact]
    public void The_pass_s_realised_value_figures_are_the_ones_worked_by_hand()
    {
        var all = Assert.Single(Evaluate(), o => o.Model == "value" && o.IsOverall);
        Assert.Equal(6, all.Accounts);
        Assert.Equal(9_300m, all.PredictedValue);
        Assert.Equal(7_000m, all.RealisedValue);
        Assert.Equal(4_300.0 / 6, all.Mae!.Value, 9);
        Assert.Equal(Math.Sqrt(6_050_000.0 / 6), all.Rmse!.Value, 9);
        Assert.Equal(5.0 / 6, all.Top20Capture!.Value, 12);
    }

    [Fact]
    public void A_realised_auc_below_the_trained_one_by_the_margin_raises_an_alert_and_a_pass_is_evaluated_once()
    {
        var outcomes = Evaluate();
        var settings = new MonitoringSettings(0.25, 0.05, 0.10, 0.05, 0, 30);
        var alert = Assert.Single(MonitoringAlerts.Of(1, [], outcomes, settings));
        Assert.Equal(("auc_drop", "churn", 1L), (alert.Kind, alert.Subject, alert.ScoreRunId));
        Assert.Equal(5.0 / 9, alert.Value, 12);

        // 0.5556 is not below 0.8 by more than 0.3.
        Assert.Empty(MonitoringAlerts.Of(1, [], outcomes, settings with { AucDrop = 0.3 }));

        using (var connection = warehouse.Connect())
        {
            PassOutcomes.Write(connection, outcomes, DateTimeOffset.UtcNow);
        }

        Assert.Empty(Evaluate());
    }

    public void Dispose() => warehouse.Dispose();
}
