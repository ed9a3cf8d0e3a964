using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Analytics.ReportApi.Exports;
using Analytics.Warehouse;

namespace Analytics.ReportApi.Cli;

/// <summary><c>analytics query SQL [--format csv|json]</c>: one read-only statement, printed.</summary>
internal static class QueryVerb
{
    public static Verb Definition { get; } = new(
        "query",
        "query SQL [--format csv|json]",
        """
        Runs one read-only SQL statement on the warehouse and prints the result (CSV by default;
        json prints an array of objects). It must be a select that reads only the warehouse's own
        tables and views: no file, URL, extension or setting. The file is opened read-only (through a
        running service: a read-only transaction), so a query cannot change the warehouse either.
        """,
        new HashSet<string> { "format" },
        new HashSet<string>(),
        RunAsync);

    private static async Task<int> RunAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positional.Count != 1)
        {
            throw new UsageException("Give exactly one SQL statement, quoted.");
        }

        var format = args.Option("format") ?? "csv";
        if (format is not ("csv" or "json"))
        {
            throw new UsageException($"--format takes csv or json, not '{format}'.");
        }

        // Through the service the instance reads files (its inbox), so the statement itself is checked and run in a
        // read-only transaction; on the file the instance is opened read-only and without access to other files.
        using var opened = args.Served is null ? WarehouseDatabase.Open(args.Database, readOnly: true) : null;
        using var connection = opened?.ConnectWithoutExternalAccess() ?? args.Served!.Connect();
        var sql = args.Positional[0];
        var statements = UserSql.StatementCount(connection, sql);
        if (statements != 1)
        {
            // DuckDB.NET would run the first statement and drop the rest unread: refuse before anything runs.
            throw new UsageException(statements == 0
                ? "'query' runs one SQL statement and this text holds none."
                : $"'query' runs one SQL statement and this text holds {statements}; run them one at a time.");
        }

        // The same rule on the file as through the service, so a statement gives the same answer either way.
        if (UserSql.WarehouseQueryRefusal(connection, sql) is { } refusal)
        {
            throw new UsageException(refusal);
        }

        if (opened is null)
        {
            connection.Execute("begin transaction read only");
        }

        using var command = connection.Command(sql);
        using var reader = await command.ExecuteReaderAsync();
        if (format == "csv")
        {
            await WriteCsv(reader, stdout);
        }
        else
        {
            await WriteJson(reader, stdout);
        }

        return 0;
    }

    private static async Task WriteCsv(DbDataReader reader, TextWriter output)
    {
        await output.WriteLineAsync(string.Join(',', Enumerable.Range(0, reader.FieldCount).Select(i => CsvText.Field(reader.GetName(i)))));
        while (await reader.ReadAsync())
        {
            var values = Enumerable.Range(0, reader.FieldCount).Select(i => NestedText.Read(reader, i));
            await output.WriteLineAsync(string.Join(',', values.Select(v => CsvText.Field(Text(v)))));
        }
    }

    private static async Task WriteJson(DbDataReader reader, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            while (await reader.ReadAsync())
            {
                json.WriteStartObject();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    json.WritePropertyName(reader.GetName(i));
                    WriteJsonValue(json, NestedText.Read(reader, i));
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        await output.WriteLineAsync(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteJsonValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case DBNull or null: json.WriteNullValue(); break;
            // A struct or map is an object (a map's keys as text), a list or array an array, as DuckDB's to_json has them.
            case System.Collections.IDictionary map:
                json.WriteStartObject();
                foreach (System.Collections.DictionaryEntry entry in map)
                {
                    json.WritePropertyName(Text(entry.Key));
                    WriteJsonValue(json, entry.Value);
                }

                json.WriteEndObject();
                break;
            case System.Collections.IList list when NestedText.IsNested(list):
                json.WriteStartArray();
                foreach (var item in list)
                {
                    WriteJsonValue(json, item);
                }

                json.WriteEndArray();
                break;
            case bool b: json.WriteBooleanValue(b); break;
            case decimal d: json.WriteRawValue(d.ToString(CultureInfo.InvariantCulture)); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
            case sbyte or byte or short or ushort or int or uint or long or ulong:
                json.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!); break;
            default: json.WriteStringValue(Text(value)); break;
        }
    }

    internal static string Text(object? value) => value switch
    {
        null or DBNull => "",
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        { } nested when NestedText.IsNested(nested) => NestedText.Write(nested),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
