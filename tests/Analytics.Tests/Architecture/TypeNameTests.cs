using System.Reflection;

namespace Analytics.Tests.Architecture;

/// <summary>
/// No two types of the product share a name: a reader who meets "ChurnReason" in one file and in another should be
/// reading about one thing. Nested and private types count too (a private "FrequencyGroup" in two models was two
/// different groupings); compiler-made types do not.
/// </summary>
public sealed class TypeNameTests
{
    [Fact]
    public void Every_type_of_every_project_has_a_name_of_its_own()
    {
        var clashes = NamedTypes(SourceProject.All().Select(p => Assembly.Load(p.AssemblyName)))
            .GroupBy(t => Name(t), StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.FullName))}")
            .ToList();

        Assert.True(clashes.Count == 0, "Types sharing a name:\n" + string.Join("\n", clashes));
    }

    [Fact]
    public void Two_types_of_one_name_in_two_namespaces_are_found()
    {
        var names = NamedTypes([typeof(TypeNameTests).Assembly]).Select(Name).ToList();

        Assert.Contains(nameof(Clash), names);
        Assert.Equal(2, names.Count(n => n == nameof(Clash)));
    }

    private static IEnumerable<Type> NamedTypes(IEnumerable<Assembly> assemblies) =>
        assemblies.SelectMany(a => a.GetTypes())
            .Where(t => !t.Name.Contains('<', StringComparison.Ordinal) && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
            // Program is the entry point's partial class, which the compiler names too.
            .Where(t => t.Namespace is not null && t.Namespace.StartsWith("Analytics", StringComparison.Ordinal));

    // Generic arity is part of the CLR name ("Rows`1"), not of the name a reader sees.
    private static string Name(Type type) => type.Name.Split('`')[0];

    /// <summary>A deliberate clash with <see cref="Other.Clash"/>, for the test that the finder finds one.</summary>
    internal sealed class Clash;
}
