using Analytics.Models.Renewal;
using Analytics.Tests.Contracts;
using Analytics.Tests.Support;
using Analytics.Warehouse.Clv;

namespace Analytics.Tests.Renewal;

/// <summary>
/// Renewals in the warehouse as of 30 June 2025, notice within 30 days after a term ends. Each auto-renewing
/// contract is one customer of the sBG model; each renewal one period.
/// </summary>
public sealed class RenewalScoringTests : IDisposable
{
    private readonly TestWarehouse _warehouse = ContractBook.Open("2025-06-30", [("contracts.csv", """
        contract_id,account_id,start_date,end_date,auto_renew,notice_days,renewal_months,terminated_on
        K1,A1,2022-07-01,2023-06-30,true,,,
        K0,A1,2024-01-01,2024-12-31,true,,,
        LATER,A1,2025-09-01,2026-08-31,true,,,
        L5,A1,2023-05-01,2024-04-30,true,,,2024-04-30
        L1,A2,2023-01-01,2023-12-31,true,,,2025-03-31
        L3,A2,2021-01-01,2021-12-31,true,,,2021-12-31
        L4,A2,2020-03-01,2021-02-28,true,,,2021-02-28
        LONG,A2,2019-07-01,2020-06-30,true,,,
        FIXED,A2,2023-07-01,2024-12-31,false,,,
        N1,A3,2024-06-01,2025-05-31,true,,,
        L2,A3,2022-01-01,2022-12-31,true,,,2022-12-31
        """)]);

    public void Dispose() => _warehouse.Dispose();

    private IReadOnlyList<ContractRenewal> Contracts()
    {
        using var connection = _warehouse.Connect();
        return ContractRenewals.Read(connection);
    }

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void Each_started_auto_renewing_contract_counts_the_renewals_it_kept()
    {
        Assert.Equal(
            [
                // In its third term; the next renewal can be refused until 30 days after this term ends.
                new ContractRenewal("K0", "A1", 1, false, D(2026, 1, 30)),
                new ContractRenewal("K1", "A1", 2, false, D(2025, 7, 30)),
                // Terminated in its third term: lost at the third renewal opportunity.
                new ContractRenewal("L1", "A2", 2, true, null),
                new ContractRenewal("L2", "A3", 0, true, null),
                new ContractRenewal("L3", "A2", 0, true, null),
                new ContractRenewal("L4", "A2", 0, true, null),
                new ContractRenewal("L5", "A1", 0, true, null),
                new ContractRenewal("LONG", "A2", 5, false, D(2025, 7, 30)),
                // Its first term ended on 31 May; the renewal into June can still be refused today, so it is not kept yet.
                new ContractRenewal("N1", "A3", 0, false, D(2025, 6, 30)),
            ],
            Contracts());
    }

    [Fact]
    public void Each_contract_account_gets_the_renewal_it_faces_first_and_the_chance_it_is_refused()
    {
        // The maximum of S(2) S(1) S(5) P(T=3) P(T=1)^4, found independently (Python, a pattern search):
        // α 0.368504, β 0.382592.
        var scores = RenewalScoring.Score(Contracts());

        Assert.NotNull(scores);
        Assert.Equal("sBG", scores.Model);
        Assert.NotNull(scores.Fit);
        Assert.Equal(0.368504, scores.Fit.Alpha, 1e-5);
        Assert.Equal(0.382592, scores.Fit.Beta, 1e-5);
        Assert.Equal((9, 5), (scores.Contracts, scores.ContractsLost));
        Assert.Collection(
            scores.Accounts,
            a => AssertRenewal(a, "A1", "K1", D(2025, 7, 30), 0.133948),
            a => AssertRenewal(a, "A2", "LONG", D(2025, 7, 30), 0.064076),
            a => AssertRenewal(a, "A3", "N1", D(2025, 6, 30), 0.490622));
    }

    [Fact]
    public void When_every_loss_came_at_a_first_renewal_one_refusal_rate_serves_every_renewal()
    {
        // sBG's likelihood has no maximum here (it would claim a contract that renewed once never leaves).
        // 3 lost at their first renewal; survivors faced 1 + 2 + 0 renewals: 3 / (3 + 3) = 0.5.
        var scores = RenewalScoring.Score(
        [
            new ContractRenewal("X1", "A", 0, true, null),
            new ContractRenewal("X2", "A", 0, true, null),
            new ContractRenewal("X3", "B", 0, true, null),
            new ContractRenewal("K1", "A", 1, false, D(2025, 7, 30)),
            new ContractRenewal("K2", "B", 2, false, D(2025, 8, 30)),
            new ContractRenewal("K3", "C", 0, false, D(2025, 9, 30)),
        ]);

        Assert.NotNull(scores);
        Assert.Equal(("geometric", (ShiftedBetaGeometricFit?)null, (double?)0.5), (scores.Model, scores.Fit, scores.RefusalRate));
        Assert.Equal(
            [new AccountRenewal("A", "K1", D(2025, 7, 30), 0.5), new AccountRenewal("B", "K2", D(2025, 8, 30), 0.5), new AccountRenewal("C", "K3", D(2025, 9, 30), 0.5)],
            scores.Accounts);
    }

    [Fact]
    public void Contracts_that_all_still_run_have_no_renewal_model_yet()
    {
        Assert.Null(RenewalScoring.Score([new ContractRenewal("K", "A", 2, false, D(2025, 7, 30))]));
    }

    private static void AssertRenewal(AccountRenewal actual, string account, string contract, DateOnly cancelBy, double probability)
    {
        Assert.Equal((account, contract, cancelBy), (actual.AccountId, actual.ContractId, actual.CancelBy));
        Assert.Equal(probability, actual.NonRenewalProbability, 1e-5);
    }
}
