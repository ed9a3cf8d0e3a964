using Analytics.Warehouse;
namespace Analytics.Ingest.Entities;

/// <summary>A column that must name an existing row of a parent entity (a foreign key).</summary>
public sealed record ReferenceSpec(string Column, string ParentEntity, string ParentTable, string ParentColumn);
