namespace Analytics.Models.Clv;

/// <summary>
/// Chooses BG/NBD or Pareto/NBD for a book by how each forecast the book's own latest period (<see cref="ClvBacktest"/>):
/// both are fitted on the orders up to the holdout's start, and each account's expected purchases over the holdout are
/// compared with the purchase days it actually had there.
/// </summary>
public static class PurchaseModelSelection
{
    /// <param name="customers">the accounts' summaries at the holdout's start.</param>
    /// <param name="actual">the purchase days each had in the holdout.</param>
    /// <param name="holdout">the holdout's length in the summaries' unit.</param>
    /// <returns>the comparison, and the chosen model as fitted at the holdout's start.</returns>
    public static (PurchaseModelChoice Choice, IRepeatPurchaseFit Chosen) Choose(IReadOnlyList<BgNbdCustomer> customers, IReadOnlyList<double> actual,
        DateOnly calibrationEnd, double holdout, int holdoutDays)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(actual);
        var models = new IRepeatPurchaseFit[] { BgNbdModel.Fit(customers), ParetoNbdModel.Fit(customers) };
        var expected = models.Select(m => customers.Select(c => m.ConditionalExpectedPurchases(c, holdout)).ToArray()).ToArray();
        var mae = expected.Select(e => e.Select((v, i) => Math.Abs(v - actual[i])).Average()).ToArray();
        var chosen = mae[1] < mae[0] ? 1 : 0;
        return (new PurchaseModelChoice(calibrationEnd, holdoutDays, customers.Count, actual.Sum(),
            expected[0].Sum(), mae[0], expected[1].Sum(), mae[1], models[chosen].Model), models[chosen]);
    }
}
