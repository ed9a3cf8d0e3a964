using System.Globalization;
using System.Text;
using Analytics.Models.Numerics;

namespace Analytics.ReportApi.Cli;

/// <summary>The likelihood fits as the verbs print them: one line per fit (parameters ± standard errors, convergence), then its warnings.</summary>
internal static class FitLines
{
    public static string Of(IEnumerable<FitReport> fits)
    {
        var text = new StringBuilder();
        foreach (var fit in fits)
        {
            var parameters = string.Join("  ", fit.Parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.0000} ± {fit.StandardErrors[p.Key]:0.0000}")));
            text.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}{fit.Model,-12} {parameters}  log-likelihood {fit.LogLikelihood:0.00}  ({fit.Iterations} iterations, gradient norm {fit.GradientNorm:G2})");
            foreach (var warning in fit.Warnings)
            {
                text.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}  warning: {fit.Model} {warning}");
            }
        }

        return text.ToString();
    }
}
