using System.Runtime.ExceptionServices;

namespace Analytics.Models.Clv;

/// <summary>
/// The Pareto/NBD log-likelihood of a book, as the fit's search evaluates it hundreds of times: summed once per
/// distinct (x, t_x, T), weighted by how many customers have it, with what depends on the parameters and x alone
/// computed once per distinct x (<see cref="ParetoNbdModel.SharedByFrequency"/>). The sum is spread over the cores
/// in chunks fixed by the data (not by the number of cores or the scheduling) and the chunks' sums are added in
/// order, so the same book gives the same value to the last bit and the fit is deterministic.
/// </summary>
internal sealed class ParetoNbdLikelihood
{
    /// <summary>Distinct customers per chunk: large enough that a chunk outweighs its scheduling, small enough to spread a book of a few thousand.</summary>
    private const int ChunkSize = 256;

    private readonly BgNbdCustomer[] customers;
    private readonly double[] weights;
    private readonly int[] frequencyIndex;
    private readonly int[] frequencies;

    public ParetoNbdLikelihood(IReadOnlyList<BgNbdCustomer> book)
    {
        var groups = book.GroupBy(c => c).Select(g => (Customer: g.Key, Weight: (double)g.Count())).ToArray();
        customers = [.. groups.Select(g => g.Customer)];
        weights = [.. groups.Select(g => g.Weight)];
        frequencies = [.. customers.Select(c => c.Frequency).Distinct().Order()];
        var index = frequencies.Select((x, i) => (x, i)).ToDictionary(p => p.x, p => p.i);
        frequencyIndex = [.. customers.Select(c => index[c.Frequency])];
    }

    /// <summary>−ln L at the log-parameters (ln r, ln α, ln s, ln β): what the search minimises.</summary>
    public double Negative(double[] logParameters)
    {
        var (r, alpha, s, beta) = (Math.Exp(logParameters[0]), Math.Exp(logParameters[1]), Math.Exp(logParameters[2]), Math.Exp(logParameters[3]));
        var shared = frequencies.Select(x => ParetoNbdModel.SharedByFrequency.Of(x, r, alpha, s, beta, manyCustomers: true)).ToArray();
        var constants = frequencies.Select(x => ParetoNbdModel.LikelihoodConstant(x, r, alpha, s, beta)).ToArray();
        var chunks = new double[((customers.Length - 1) / ChunkSize) + 1];
        try
        {
            Parallel.For(0, chunks.Length, chunk =>
            {
                var total = 0.0;
                for (var i = chunk * ChunkSize; i < Math.Min(customers.Length, (chunk + 1) * ChunkSize); i++)
                {
                    total += weights[i] * ParetoNbdModel.LogLikelihood(customers[i], alpha, beta, shared[frequencyIndex[i]], constants[frequencyIndex[i]]);
                }

                chunks[chunk] = total;
            });
        }
        catch (AggregateException e)
        {
            // A 2F1 that does not converge fails the fit as it did before the sum was spread over the cores.
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        var sum = 0.0;
        foreach (var part in chunks)
        {
            sum += part;
        }

        return -sum;
    }
}
