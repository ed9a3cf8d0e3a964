using Analytics.Models.Numerics;
namespace Analytics.Models.Clv;

/// <summary>
/// The Gamma-Gamma model of spend per transaction (Fader &amp; Hardie, "The Gamma-Gamma Model of Monetary
/// Value", 2013; Fader, Hardie &amp; Lee 2005, "RFM and CLV").
/// </summary>
public static class GammaGammaModel
{
    /// <summary>Fits on the customers with at least one repeat transaction; the others carry no spend to model.</summary>
    public static GammaGammaFit Fit(IReadOnlyList<GammaGammaCustomer> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        // As in BG/NBD: the gamma functions depend on x alone, so they are evaluated once per x; ln m is fixed.
        var groups = customers
            .Where(c => c.Frequency > 0)
            .GroupBy(c => c)
            .GroupBy(g => g.Key.Frequency)
            .Select(byX => new SpendGroup(
                byX.Key,
                byX.Select(g => g.Key.MeanSpend).ToArray(),
                byX.Select(g => Math.Log(g.Key.MeanSpend)).ToArray(),
                byX.Select(g => (double)g.Count()).ToArray()))
            .ToArray();
        if (groups.Length == 0)
        {
            throw new ArgumentException("There are no repeat customers to fit.", nameof(customers));
        }

        double NegativeLogLikelihood(double[] logParameters)
        {
            var (p, q, v) = (Math.Exp(logParameters[0]), Math.Exp(logParameters[1]), Math.Exp(logParameters[2]));
            var logV = Math.Log(v);
            var logGammaQ = SpecialFunctions.LogGamma(q);
            var total = 0.0;
            foreach (var g in groups)
            {
                var px = p * g.Frequency;
                var shared = SpecialFunctions.LogGamma(px + q) - SpecialFunctions.LogGamma(px) - logGammaQ + (q * logV) + (px * Math.Log(g.Frequency));
                for (var i = 0; i < g.Weights.Length; i++)
                {
                    total += g.Weights[i] * (shared + ((px - 1) * g.LogMeanSpends[i]) - ((px + q) * Math.Log(v + (g.MeanSpends[i] * g.Frequency))));
                }
            }

            return -total;
        }

        var (best, estimation) = MaximumLikelihood.Fit(NegativeLogLikelihood, [0.0, 0.0, 0.0], ["p", "q", "v"]);
        return new GammaGammaFit(Math.Exp(best[0]), Math.Exp(best[1]), Math.Exp(best[2]), estimation.LogLikelihood) { Estimation = estimation };
    }

    /// <summary>The distinct repeat customers with one frequency: their mean spends, its logs and counts.</summary>
    private sealed record SpendGroup(int Frequency, double[] MeanSpends, double[] LogMeanSpends, double[] Weights);

    /// <summary>One repeat customer's log-likelihood of their mean spend.</summary>
    public static double LogLikelihood(GammaGammaCustomer customer, double p, double q, double v)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var (x, m) = (customer.Frequency, customer.MeanSpend);
        var px = p * x;
        return SpecialFunctions.LogGamma(px + q) - SpecialFunctions.LogGamma(px) - SpecialFunctions.LogGamma(q)
            + (q * Math.Log(v)) + ((px - 1) * Math.Log(m)) + (px * Math.Log(x)) - ((px + q) * Math.Log(v + (m * x)));
    }

    /// <summary>E[M | x, m]: the mean spend to expect from this customer, shrunk from m toward the population mean.</summary>
    public static double ConditionalExpectedMeanSpend(GammaGammaFit fit, GammaGammaCustomer customer)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(customer);
        var (p, q, v) = (fit.P, fit.Q, fit.V);
        var (x, m) = (customer.Frequency, customer.MeanSpend);
        return p * (v + (x * m)) / ((p * x) + q - 1);
    }
}
