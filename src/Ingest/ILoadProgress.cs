using Analytics.Ingest.Loading;

namespace Analytics.Ingest;

/// <summary>Told, while a file loads, how far DuckDB has got with the current step.</summary>
public interface ILoadProgress
{
    void Phase(string file, LoadPhase phase);

    void Update(string file, double percent, ulong rowsProcessed, TimeSpan elapsed);

    void Done(string file);
}
