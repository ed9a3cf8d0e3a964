namespace Analytics.Warehouse.Loading;

public enum LoadStatus
{
    Loaded,
    Duplicate,
    Failed,
}
