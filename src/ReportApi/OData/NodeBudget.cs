namespace Analytics.ReportApi.OData;

/// <summary>Counts the expression nodes one request translates, so a huge or deeply nested expression is refused before DuckDB sees it.</summary>
internal sealed class NodeBudget(int max)
{
    private int _spent;

    public void Spend()
    {
        if (++_spent > max)
        {
            throw ODataProblem.Limit("QueryTooComplex", $"The query has more than {max} expression nodes; simplify it or split it.");
        }
    }
}
