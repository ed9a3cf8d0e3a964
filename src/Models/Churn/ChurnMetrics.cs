namespace Analytics.Models.Churn;

/// <summary>
/// How well churn probabilities ranked and matched what happened on the holdout: ROC AUC (chance a churner
/// ranks above a stayer, ties half), PR AUC (average precision), lift of the top tenth by probability over the
/// base rate, Brier score (mean squared error of the probability), and reliability in ten equal-width bins with
/// their expected calibration error (the accounts-weighted mean gap between probability and churn rate).
/// </summary>
public sealed record ChurnMetrics(
    int Accounts, int Churned, double RocAuc, double PrAuc, double TopDecileLift, double Brier, double CalibrationError,
    IReadOnlyList<ReliabilityBin> Reliability)
{
    public static ChurnMetrics Compute(IReadOnlyList<double> probabilities, IReadOnlyList<bool> churned)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(churned);
        if (probabilities.Count != churned.Count || probabilities.Count == 0)
        {
            throw new ArgumentException("Metrics need one outcome per probability, and at least one.", nameof(churned));
        }

        var n = probabilities.Count;
        var positives = churned.Count(c => c);
        var brier = probabilities.Select((p, i) => Math.Pow(p - (churned[i] ? 1 : 0), 2)).Average();
        var bins = Enumerable.Range(0, 10).Select(b =>
        {
            var inBin = Enumerable.Range(0, n).Where(i => Math.Min((int)(probabilities[i] * 10), 9) == b).ToList();
            return new ReliabilityBin(b / 10.0, (b + 1) / 10.0, inBin.Count,
                inBin.Count == 0 ? 0 : inBin.Average(i => probabilities[i]),
                inBin.Count == 0 ? 0 : inBin.Count(i => churned[i]) / (double)inBin.Count);
        }).ToList();
        var calibrationError = bins.Sum(b => b.Accounts * Math.Abs(b.MeanProbability - b.ChurnRate)) / n;
        return new ChurnMetrics(n, positives, RankAuc(probabilities, churned, positives), AveragePrecision(probabilities, churned, positives),
            LiftOfTopTenth(probabilities, churned, positives), brier, calibrationError, bins);
    }

    private static double RankAuc(IReadOnlyList<double> p, IReadOnlyList<bool> y, int positives)
    {
        var negatives = p.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        // Mann-Whitney: the sum of the churners' ranks, tied probabilities sharing their mean rank.
        var order = Enumerable.Range(0, p.Count).OrderBy(i => p[i]).ToArray();
        var rankSum = 0.0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && p[order[end + 1]] == p[order[start]])
            {
                end++;
            }

            var meanRank = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++)
            {
                rankSum += y[order[k]] ? meanRank : 0;
            }

            start = end + 1;
        }

        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    private static double AveragePrecision(IReadOnlyList<double> p, IReadOnlyList<bool> y, int positives)
    {
        if (positives == 0)
        {
            return double.NaN;
        }

        // Highest probability first; among ties the stayers first, so tied scores earn no credit for their order.
        var order = Enumerable.Range(0, p.Count).OrderByDescending(i => p[i]).ThenBy(i => y[i] ? 1 : 0);
        var (hits, seen, sum) = (0, 0, 0.0);
        foreach (var i in order)
        {
            seen++;
            if (y[i])
            {
                hits++;
                sum += hits / (double)seen;
            }
        }

        return sum / positives;
    }

    private static double LiftOfTopTenth(IReadOnlyList<double> p, IReadOnlyList<bool> y, int positives)
    {
        if (positives == 0)
        {
            return double.NaN;
        }

        var top = (int)Math.Ceiling(p.Count / 10.0);
        var topRate = Enumerable.Range(0, p.Count).OrderByDescending(i => p[i]).ThenBy(i => y[i] ? 1 : 0).Take(top).Count(i => y[i]) / (double)top;
        return topRate / (positives / (double)p.Count);
    }
}
