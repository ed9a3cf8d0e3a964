using System.Globalization;
using Analytics.ReportApi.OData;
using Apache.Arrow;
using Apache.Arrow.Types;
using Microsoft.OData.Edm;

namespace Analytics.ReportApi.Arrow;

/// <summary>One column of the Arrow stream: the Arrow type for the property's EDM type (decimals keep precision and scale) and its builder.</summary>
internal sealed class ArrowColumn
{
    private readonly Func<IArrowArrayBuilder> _newBuilder;
    private readonly Action<IArrowArrayBuilder, object?> _append;
    private IArrowArrayBuilder _builder;

    private ArrowColumn(Field field, Func<IArrowArrayBuilder> newBuilder, Action<IArrowArrayBuilder, object?> append)
    {
        Field = field;
        _newBuilder = newBuilder;
        _append = append;
        _builder = newBuilder();
    }

    public Field Field { get; }

    public void Append(object? value) => _append(_builder, value);

    /// <summary>The values appended since the last batch, as an array; the column starts a new batch.</summary>
    public IArrowArray Build()
    {
        var array = _builder switch
        {
            StringArray.Builder b => (IArrowArray)b.Build(),
            BooleanArray.Builder b => b.Build(),
            Int32Array.Builder b => b.Build(),
            Int64Array.Builder b => b.Build(),
            DoubleArray.Builder b => b.Build(),
            Decimal128Array.Builder b => b.Build(),
            Date32Array.Builder b => b.Build(),
            TimestampArray.Builder b => b.Build(),
            Time64Array.Builder b => b.Build(),
            _ => throw new InvalidOperationException("Unknown Arrow builder."),
        };
        _builder = _newBuilder();
        return array;
    }

    public static ArrowColumn For(RelationColumn column)
    {
        Field Field(IArrowType type) => new(column.Name, type, nullable: true);
        switch (column.Kind)
        {
            case EdmPrimitiveTypeKind.Boolean:
                return new(Field(BooleanType.Default), () => new BooleanArray.Builder(), (b, v) => Append((BooleanArray.Builder)b, v, x => ((BooleanArray.Builder)b).Append((bool)x)));
            case EdmPrimitiveTypeKind.Int16 or EdmPrimitiveTypeKind.Int32:
                return new(Field(Int32Type.Default), () => new Int32Array.Builder(), (b, v) => Append((Int32Array.Builder)b, v, x => ((Int32Array.Builder)b).Append(Convert.ToInt32(x, CultureInfo.InvariantCulture))));
            case EdmPrimitiveTypeKind.Int64:
                return new(Field(Int64Type.Default), () => new Int64Array.Builder(), (b, v) => Append((Int64Array.Builder)b, v, x => ((Int64Array.Builder)b).Append(Convert.ToInt64(x, CultureInfo.InvariantCulture))));
            case EdmPrimitiveTypeKind.Double or EdmPrimitiveTypeKind.Single:
                return new(Field(DoubleType.Default), () => new DoubleArray.Builder(), (b, v) => Append((DoubleArray.Builder)b, v, x => ((DoubleArray.Builder)b).Append(Convert.ToDouble(x, CultureInfo.InvariantCulture))));
            case EdmPrimitiveTypeKind.Decimal when column.Type is IEdmDecimalTypeReference { Precision: { } precision, Scale: { } scale }:
                var decimalType = new Decimal128Type(precision, scale);
                return new(Field(decimalType), () => new Decimal128Array.Builder(decimalType), (b, v) => Append((Decimal128Array.Builder)b, v, x => ((Decimal128Array.Builder)b).Append((decimal)x)));
            case EdmPrimitiveTypeKind.Date:
                return new(Field(Date32Type.Default), () => new Date32Array.Builder(), (b, v) => Append((Date32Array.Builder)b, v, x => ((Date32Array.Builder)b).Append(x is DateOnly d ? d.ToDateTime(TimeOnly.MinValue) : (DateTime)x)));
            case EdmPrimitiveTypeKind.DateTimeOffset:
                var timestamp = new TimestampType(TimeUnit.Microsecond, "UTC");
                return new(Field(timestamp), () => new TimestampArray.Builder(timestamp), (b, v) => Append((TimestampArray.Builder)b, v, x => ((TimestampArray.Builder)b).Append(x is DateTimeOffset o ? o : new DateTimeOffset(DateTime.SpecifyKind((DateTime)x, DateTimeKind.Utc)))));
            case EdmPrimitiveTypeKind.TimeOfDay:
                var time = new Time64Type(TimeUnit.Microsecond);
                return new(Field(time), () => new Time64Array.Builder(time), (b, v) => Append((Time64Array.Builder)b, v, x => ((Time64Array.Builder)b).Append(x is TimeOnly t ? t.Ticks / 10 : ((TimeSpan)x).Ticks / 10)));
            default:
                return new(Field(StringType.Default), () => new StringArray.Builder(), (b, v) => Append((StringArray.Builder)b, v, x => ((StringArray.Builder)b).Append(Convert.ToString(x, CultureInfo.InvariantCulture))));
        }
    }

    private static void Append<TBuilder>(TBuilder builder, object? value, Action<object> append)
        where TBuilder : IArrowArrayBuilder
    {
        if (value is null)
        {
            switch (builder)
            {
                case StringArray.Builder b: b.AppendNull(); break;
                case BooleanArray.Builder b: b.AppendNull(); break;
                case Int32Array.Builder b: b.AppendNull(); break;
                case Int64Array.Builder b: b.AppendNull(); break;
                case DoubleArray.Builder b: b.AppendNull(); break;
                case Decimal128Array.Builder b: b.AppendNull(); break;
                case Date32Array.Builder b: b.AppendNull(); break;
                case TimestampArray.Builder b: b.AppendNull(); break;
                case Time64Array.Builder b: b.AppendNull(); break;
            }
        }
        else
        {
            append(value);
        }
    }
}
