using System.Collections.Concurrent;
using Analytics.ReportApi.Access;
using Analytics.Warehouse.Reports;

namespace Analytics.ReportApi.Charts;

/// <summary>
/// Charts, tiles and tables, each kept until the data changes: a key holds the data version, the latest score
/// run, the marts' build, the caller's access scope and every parameter, so a load, a new score run or another scope never sees a
/// stale or foreign entry. Entries of an older data state are dropped when a newer one is first seen.
/// </summary>
internal sealed class ReportCache
{
    // Every filter combination of every scope in both languages and three formats stays far below this; the cap
    // only keeps a caller looping over made-up regions from growing the cache without end.
    private const int MaxEntries = 5000;

    private readonly ConcurrentDictionary<string, Lazy<object>> _entries = new(StringComparer.Ordinal);
    private DataState? _state;

    public T GetOrAdd<T>(DataState state, AccessScope scope, string key, Func<T> build)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(scope);
        if (state != _state || _entries.Count > MaxEntries)
        {
            lock (_entries)
            {
                if (state != _state || _entries.Count > MaxEntries)
                {
                    _entries.Clear();
                    _state = state;
                }
            }
        }

        var regions = scope.Regions is null ? "*" : string.Join(",", scope.Regions.Order(StringComparer.Ordinal));
        var fullKey = $"{state.DataVersion}|{state.ScoreRunId}|{state.MartsBuild}|{scope.Role}|{regions}|{key}";
        var entry = _entries.GetOrAdd(fullKey, _ => new Lazy<object>(() => build()));
        try
        {
            return (T)entry.Value;
        }
        catch
        {
            // A failed build is not kept: the next request tries again.
            _entries.TryRemove(fullKey, out _);
            throw;
        }
    }

    /// <summary>Empties the cache (the benchmark measures uncached pages with it).</summary>
    public void Clear() => _entries.Clear();
}
