namespace Analytics.Ingest.Files;

public enum FileFormat
{
    Csv,
    JsonLines,
    Parquet,
    ArrowIpc,
}

public static class FileFormats
{
    /// <summary>The format a mapping declares, else the one the file name's extension says.</summary>
    public static FileFormat? Detect(string path, string? declared)
    {
        var name = (declared ?? Path.GetExtension(path).TrimStart('.')).ToLowerInvariant();
        return name switch
        {
            "csv" or "tsv" or "txt" => FileFormat.Csv,
            "json" or "jsonl" or "ndjson" => FileFormat.JsonLines,
            "parquet" => FileFormat.Parquet,
            "arrow" or "arrows" or "ipc" or "feather" => FileFormat.ArrowIpc,
            _ => null,
        };
    }

    public static bool IsDataFile(string path) =>
        !path.EndsWith(".mapping.json", StringComparison.OrdinalIgnoreCase) && Detect(path, null) is not null;
}
