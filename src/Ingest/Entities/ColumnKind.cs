using Analytics.Warehouse;
namespace Analytics.Ingest.Entities;

/// <summary>How a canonical column's text is read into the warehouse.</summary>
public enum ColumnKind
{
    Text,
    WholeNumber,
    Money,
    Quantity,
    Fraction,
    Percent,
    Hours,
    Date,
    Timestamp,
    Time,
    YesNo,

    /// <summary>A JSON object of source column name -> value as text: the columns of an export no canonical column took.</summary>
    Attributes,
}
