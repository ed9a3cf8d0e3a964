namespace Analytics.Models.Value;

/// <summary>
/// How one method's next-period values matched the actual ones on the holdout: RMSE and MAE (in the account
/// currency), and top-20% capture: the actual value of the accounts the method put in its top fifth, as a share
/// of the actual value of the true top fifth (1 = it found exactly the accounts that mattered most).
/// </summary>
public sealed record ValueMetrics(int Accounts, double Rmse, double Mae, double Top20Capture)
{
    public static ValueMetrics Compute(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(actual);
        if (predicted.Count != actual.Count || predicted.Count == 0)
        {
            throw new ArgumentException("Metrics need one actual value per prediction, and at least one.", nameof(actual));
        }

        var n = predicted.Count;
        var rmse = Math.Sqrt(predicted.Select((p, i) => Math.Pow(p - actual[i], 2)).Average());
        var mae = predicted.Select((p, i) => Math.Abs(p - actual[i])).Average();
        var top = (int)Math.Ceiling(n * 0.2);
        // Ties in the prediction are broken against the method (smallest actual first), so a flat guess earns nothing.
        var picked = Enumerable.Range(0, n).OrderByDescending(i => predicted[i]).ThenBy(i => actual[i]).Take(top).Sum(i => actual[i]);
        var best = actual.OrderDescending().Take(top).Sum();
        return new ValueMetrics(n, rmse, mae, best > 0 ? picked / best : double.NaN);
    }
}
