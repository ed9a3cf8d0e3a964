namespace Analytics.Warehouse;

/// <summary>A failure a user can act on; its message is one plain sentence.</summary>
public class WarehouseException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Another process holds the warehouse file.</summary>
public sealed class WarehouseBusyException(string message) : WarehouseException(message);
