namespace Analytics.Tests.Support;

/// <summary>A test on one of shared/datasets: where that folder is absent (a user's clone) it says so and skips.</summary>
public sealed class DatasetFactAttribute : FactAttribute
{
    public DatasetFactAttribute(string dataset)
    {
        if (TestPaths.Datasets is null || !Directory.Exists(Path.Combine(TestPaths.Datasets, dataset)))
        {
            Skip = $"shared/datasets/{dataset} is not beside this clone; CI has it.";
        }
    }
}
