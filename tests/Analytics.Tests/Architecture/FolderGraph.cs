using System.Reflection;
using System.Text;

namespace Analytics.Tests.Architecture;

/// <summary>
/// Which folders of a project use which: an edge from A to B when a type declared in A uses one declared in B
/// (<see cref="TypeReferences"/>), each edge with one such pair as its example. Files at the project's root are
/// units of their own (<see cref="SourceProject.Unit"/>).
/// </summary>
internal sealed class FolderGraph(IReadOnlyDictionary<string, SortedDictionary<string, string>> edges)
{
    /// <summary>From unit to unit, with an example ("InboxJob uses LoadVerb").</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, string>> Edges { get; } = edges;

    public static FolderGraph Of(SourceProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var declared = project.DeclaredTypes();
        var edges = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var type in Assembly.Load(project.AssemblyName).GetTypes())
        {
            var outer = Outermost(type);
            if (outer.FullName is not { } name || !declared.TryGetValue(name, out var from))
            {
                continue;
            }

            foreach (var used in TypeReferences.Of(type))
            {
                var usedOuter = Outermost(used);
                if (usedOuter.Assembly == type.Assembly && usedOuter.FullName is { } usedName
                    && declared.TryGetValue(usedName, out var to) && to != from)
                {
                    var targets = edges.TryGetValue(from, out var t) ? t : edges[from] = new(StringComparer.Ordinal);
                    targets.TryAdd(to, $"{outer.Name} uses {usedOuter.Name}");
                }
            }
        }

        return new FolderGraph(edges);
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    /// <summary>Every set of units that reach each other (a strongly connected component of more than one unit).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        // Tarjan's algorithm: one depth-first pass; a unit whose lowest reachable index is its own closes a component.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string unit)
        {
            var order = index.Count;
            index[unit] = order;
            low[unit] = order;
            stack.Push(unit);
            onStack.Add(unit);
            foreach (var next in Targets(unit))
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[unit] = Math.Min(low[unit], low[next]);
                }
                else if (onStack.Contains(next) && index.TryGetValue(next, out var reached))
                {
                    low[unit] = Math.Min(low[unit], reached);
                }
            }

            if (low[unit] == index[unit])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != unit);

                if (component.Count > 1)
                {
                    cycles.Add([.. component.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var unit in Edges.Keys)
        {
            if (!index.ContainsKey(unit))
            {
                Visit(unit);
            }
        }

        return cycles;
    }

    /// <summary>Whether <paramref name="to"/> can be reached from <paramref name="from"/> along the edges.</summary>
    public bool Reaches(string from, string to)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { from };
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var unit))
        {
            foreach (var next in Targets(unit))
            {
                if (next == to)
                {
                    return true;
                }

                if (seen.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return false;
    }

    private static readonly SortedDictionary<string, string> None = [];

    private SortedDictionary<string, string>.KeyCollection Targets(string unit) => (Edges.TryGetValue(unit, out var targets) ? targets : None).Keys;

    /// <summary>The edges among <paramref name="units"/> (all when null), one line each with its example.</summary>
    public string Describe(IReadOnlyCollection<string>? units = null)
    {
        var text = new StringBuilder();
        foreach (var (from, targets) in Edges)
        {
            foreach (var (to, example) in targets)
            {
                if (units is null || (units.Contains(from) && units.Contains(to)))
                {
                    text.Append("  ").Append(from).Append(" -> ").Append(to).Append("   (").Append(example).AppendLine(")");
                }
            }
        }

        return text.ToString();
    }
}
