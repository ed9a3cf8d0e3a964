using System.Text;
using System.Xml;
using Analytics.Warehouse;
using DuckDB.NET.Data;
using Microsoft.OData.Edm.Csdl;

namespace Analytics.ReportApi.OData;

/// <summary>
/// The service's model, built from the warehouse on first use (the marts must exist: the service builds them at
/// start) and kept for the life of the process, with its $metadata document.
/// </summary>
internal sealed class ODataModelProvider(WarehouseDatabase database)
{
    private readonly Lock _lock = new();
    private (WarehouseModel Model, byte[] Metadata)? _built;

    public WarehouseModel Model => Built().Model;

    public byte[] Metadata => Built().Metadata;

    private (WarehouseModel Model, byte[] Metadata) Built()
    {
        lock (_lock)
        {
            if (_built is { } built)
            {
                return built;
            }

            using var connection = database.Connect();
            WarehouseModel model;
            try
            {
                model = WarehouseModelBuilder.Build(connection);
            }
            catch (DuckDBException e)
            {
                throw new ODataProblem(StatusCodes.Status503ServiceUnavailable, "WarehouseNotReady",
                    $"The warehouse is not ready for OData yet (run 'analytics refresh' to build the marts): {e.Message}");
            }

            _built = (model, Csdl(model));
            return _built.Value;
        }
    }

    private static byte[] Csdl(WarehouseModel model)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            if (!CsdlWriter.TryWriteCsdl(model.Edm, xml, CsdlTarget.OData, out var errors))
            {
                throw new InvalidOperationException("The model does not write as CSDL: " + string.Join("; ", errors.Select(e => e.ErrorMessage)));
            }
        }

        return stream.ToArray();
    }
}
