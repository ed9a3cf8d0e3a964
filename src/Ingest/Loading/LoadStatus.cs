using Analytics.Warehouse;
namespace Analytics.Ingest.Loading;

public enum LoadStatus
{
    Loaded,
    Duplicate,
    Failed,
}
