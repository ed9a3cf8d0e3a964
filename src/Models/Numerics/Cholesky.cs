namespace Analytics.Models.Numerics;

/// <summary>The Cholesky factor L (A = L·Lᵀ) of a small symmetric matrix, and the inverse it gives.</summary>
internal static class Cholesky
{
    /// <returns>null when the matrix is not positive definite (a flat or rising direction: no maximum there).</returns>
    public static double[,]? Factor(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var lower = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = matrix[i, j];
                for (var k = 0; k < j; k++)
                {
                    sum -= lower[i, k] * lower[j, k];
                }

                if (i == j)
                {
                    if (!(sum > 0) || !double.IsFinite(sum))
                    {
                        return null;
                    }

                    lower[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    lower[i, j] = sum / lower[j, j];
                }
            }
        }

        return lower;
    }

    /// <summary>A⁻¹ from A's Cholesky factor, column by column (forward, then back substitution).</summary>
    public static double[,] Inverse(double[,] lower)
    {
        var n = lower.GetLength(0);
        var inverse = new double[n, n];
        for (var column = 0; column < n; column++)
        {
            var y = new double[n];
            for (var i = 0; i < n; i++)
            {
                var sum = i == column ? 1.0 : 0.0;
                for (var k = 0; k < i; k++)
                {
                    sum -= lower[i, k] * y[k];
                }

                y[i] = sum / lower[i, i];
            }

            for (var i = n - 1; i >= 0; i--)
            {
                var sum = y[i];
                for (var k = i + 1; k < n; k++)
                {
                    sum -= lower[k, i] * inverse[k, column];
                }

                inverse[i, column] = sum / lower[i, i];
            }
        }

        return inverse;
    }
}
