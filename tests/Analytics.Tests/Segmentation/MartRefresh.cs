using Analytics.Tests.Support;
using Analytics.Warehouse.Marts;

namespace Analytics.Tests.Segmentation;

internal static class MartRefresh
{
    /// <summary>Sets the given settings, then rebuilds every mart, as `analytics settings` and `analytics refresh` would.</summary>
    public static void RefreshMarts(this TestWarehouse warehouse, params (string Key, string Value)[] settings)
    {
        using var connection = warehouse.Connect();
        foreach (var (key, value) in settings)
        {
            MartSettings.Set(connection, key, value);
        }

        new MartBuilder(connection).Refresh();
    }
}
