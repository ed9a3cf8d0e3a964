using Analytics.Ingest;
using Analytics.Ingest.Loading;
using Analytics.Warehouse;
using Analytics.Warehouse.Marts;
using DuckDB.NET.Data;

namespace Analytics.Tests.Support;

/// <summary>A warehouse file in a temp folder, with helpers to load files and read back what landed.</summary>
public sealed class TestWarehouse : IDisposable
{
    public TempFolder Folder { get; } = new();

    public WarehouseDatabase Database { get; }

    public TestWarehouse() => Database = WarehouseDatabase.Open(Folder.File("warehouse.duckdb"));

    public string Write(string name, string content) => Folder.Write(name, content);

    public LoadReport Load(string path, LoadOptions? options = null) =>
        new FileLoader(Database).LoadFile(path, options ?? new LoadOptions());

    public LoadReport LoadText(string name, string content, LoadOptions? options = null) => Load(Write(name, content), options);

    public T Scalar<T>(string sql, params object?[] parameters)
    {
        using var connection = Database.Connect();
        return connection.Scalar<T>(sql, parameters);
    }

    public List<T> Rows<T>(string sql, Func<System.Data.Common.DbDataReader, T> map, params object?[] parameters)
    {
        using var connection = Database.Connect();
        return connection.Rows(sql, map, parameters);
    }

    public DuckDBConnection Connect() => Database.Connect();

    /// <summary>Sets the given settings, then rebuilds every mart, as `analytics settings` and `analytics refresh` would.</summary>
    public void RefreshMarts(params (string Key, string Value)[] settings)
    {
        using var connection = Connect();
        foreach (var (key, value) in settings)
        {
            MartSettings.Set(connection, key, value);
        }

        new MartBuilder(connection).Refresh();
    }

    public void Dispose()
    {
        Database.Dispose();
        Folder.Dispose();
    }
}
